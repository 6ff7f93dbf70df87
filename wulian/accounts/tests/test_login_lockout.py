"""django-axes locks an account after 5 failed logins: the 6th try, even right, is refused."""

from axes.models import AccessAttempt
from django.urls import reverse

from wulian.web.demo import DEMO_PASSWORD


def _login(client, password: str):
    return client.post(
        reverse("accounts:login"), {"username": "xihuamen_admin", "password": password}
    )


def test_five_failed_logins_lock_the_account(world, client):
    for _ in range(4):
        response = _login(client, "wrong-Password1")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = _login(client, "wrong-Password1")  # the 5th failure locks
    assert response.status_code == 429
    response = _login(client, DEMO_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # The refused 6th try is counted too.
    assert AccessAttempt.objects.get(username="xihuamen_admin").failures_since_start == 6


def test_four_failed_logins_then_the_right_password_logs_in(world, client):
    for _ in range(4):
        _login(client, "wrong-Password1")
    response = _login(client, DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["xihuamen_admin"].pk)


def test_security_admin_unlocks_a_locked_account(world, client):
    for _ in range(5):
        _login(client, "wrong-Password1")
    client.force_login(world.users["security_admin"])
    response = client.post(
        reverse("accounts:lockout_reset", kwargs={"pk": world.users["xihuamen_admin"].pk})
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.filter(username="xihuamen_admin").count() == 0
    client.logout()
    assert _login(client, DEMO_PASSWORD).status_code == 302
