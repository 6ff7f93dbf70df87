"""Five wrong passwords from one address lock that username at that address only: the account
still signs in from elsewhere (issue 16, defect 6); an address that fails too often, whatever
the usernames, waits for its window."""

from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from wulian.web.demo import DEMO_PASSWORD

ATTACKER, OFFICE = "203.0.113.7", "198.51.100.20"


def _login(client, username: str, password: str, ip: str):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_anonymous_failures_do_not_lock_the_account_elsewhere(world, client):
    for _ in range(5):
        _login(client, "city_admin", "wrong-Passw0rd", ATTACKER)
    assert _login(client, "city_admin", DEMO_PASSWORD, ATTACKER).status_code == 429
    response = _login(client, "city_admin", DEMO_PASSWORD, OFFICE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["city_admin"].pk)
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [
        ("city_admin", ATTACKER)
    ]


@override_settings(WULIAN_RATE_LOGIN_FAILURES_IP="8/15m")
def test_an_address_failing_across_usernames_waits(world, client):
    for username in ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]:
        assert _login(client, username, "wrong-Passw0rd", ATTACKER).status_code == 200
    attempts = AccessAttempt.objects.count()
    response = _login(client, "xihuamen_admin", DEMO_PASSWORD, ATTACKER)
    assert response.status_code == 429
    assert "该网络地址登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.count() == attempts  # refused before any password was checked
    assert _login(client, "xihuamen_admin", DEMO_PASSWORD, OFFICE).status_code == 302
