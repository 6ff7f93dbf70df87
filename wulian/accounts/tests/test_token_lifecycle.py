"""API tokens expire, and are ended by the security admin, a password change, a disable and a
lockout (issue 16, defect 6)."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from wulian.accounts.models import ApiToken
from wulian.accounts.services import create_token
from wulian.web.demo import DEMO_PASSWORD

AREAS = "/api/v1/areas/"


def _works(client, key: str) -> bool:
    return client.get(AREAS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_a_token_stops_working_when_it_expires(world, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        key = create_token(user=world.users["city_admin"], by=None, days=90)
        traveller.shift(dt.timedelta(days=89, hours=23))
        assert _works(client, key) is True
        traveller.shift(dt.timedelta(hours=2))
        assert _works(client, key) is False


def test_the_default_expiry_is_90_days(world):
    create_token(user=world.users["city_admin"], by=None)
    token = ApiToken.objects.get(user=world.users["city_admin"])
    assert abs((token.expires_at - token.created_at) - dt.timedelta(days=90)) < dt.timedelta(
        seconds=1
    )


def test_the_security_admin_revokes_anyones_token(world, client, login):
    key = create_token(user=world.users["city_admin"], by=None)
    token = ApiToken.objects.get(user=world.users["city_admin"])
    login("security_admin")
    page = client.get(
        reverse("accounts:user_detail", args=[world.users["city_admin"].pk])
    ).content.decode()
    assert reverse("accounts:token_revoke", args=[token.pk]) in page
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    assert _works(client, key) is False


def test_the_system_admin_cannot_revoke_anothers_token(world, client, login):
    key = create_token(user=world.users["city_admin"], by=None)
    token = ApiToken.objects.get(user=world.users["city_admin"])
    login("system_admin")
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 403
    assert _works(client, key) is True


def test_changing_ones_password_ends_ones_tokens(world, client, login):
    me = login("xihuamen_staff")
    key = create_token(user=me, by=None)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password": "Anders-Passw0rt",
            "new_password2": "Anders-Passw0rt",
        },
    )
    assert response.status_code == 302
    assert _works(client, key) is False
    assert ApiToken.objects.get(user=me).revoked_reason == "password_change"


def test_a_wrong_old_password_changes_nothing(world, client, login):
    me = login("xihuamen_staff")
    key = create_token(user=me, by=None)
    before = me.password
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "wrong-Passw0rd",
            "new_password": "Anders-Passw0rt",
            "new_password2": "Anders-Passw0rt",
        },
    )
    assert response.status_code == 400
    assert "原密码不正确。" in response.content.decode()
    me.refresh_from_db()
    assert me.password == before
    assert _works(client, key) is True


def test_a_lockout_ends_the_accounts_tokens(world, client):
    key = create_token(user=world.users["xihuamen_admin"], by=None)
    for _ in range(5):
        client.post(
            reverse("accounts:login"), {"username": "xihuamen_admin", "password": "wrong-Passw0rd"}
        )
    assert _works(client, key) is False
    assert ApiToken.objects.get(user=world.users["xihuamen_admin"]).revoked_reason == "lockout"
