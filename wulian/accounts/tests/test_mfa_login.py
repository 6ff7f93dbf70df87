"""Staff and the three administrators type a TOTP code (or a recovery code) after their
password; until then every page sends them to the verify step. Residents, party members and
unit contacts are not asked. These tests log in for real (no ``force_login``)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from wulian.accounts.mfa import current_code, next_usable_code
from wulian.accounts.models import User
from wulian.web.demo import DEMO_PASSWORD

HOME = reverse("web:home")
VERIFY = reverse("accounts:mfa_verify")


def _password_login(client, username: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})


def _device(username: str) -> TOTPDevice:
    return TOTPDevice.objects.get(user__username=username, confirmed=True)


@pytest.mark.parametrize(
    "username", ["city_admin", "xihuamen_staff", "audit_admin", "security_admin"]
)
def test_a_password_alone_does_not_open_a_staff_or_admin_page(world, client, username):
    assert _password_login(client, username).status_code == 302
    response = client.get(HOME)
    assert (response.status_code, response["Location"]) == (302, f"{VERIFY}?next=%2F")
    assert client.get(reverse("accounts:account")).status_code == 302
    assert client.get(reverse("accounts:users")).status_code == 302


def test_the_right_code_opens_the_platform_and_goes_to_the_page_asked_for(world, client):
    _password_login(client, "city_admin")
    response = client.post(
        VERIFY, {"code": next_usable_code(_device("city_admin")), "next": "/accounts/me/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/accounts/me/")
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("code", ["000000", "12345", "abcdef", ""])
def test_a_wrong_code_keeps_the_session_unverified(world, client, code):
    _password_login(client, "xihuamen_admin")
    if code == "000000" and current_code(_device("xihuamen_admin")) == "000000":
        code = "111111"
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 400
    assert client.get(HOME).status_code == 302


def test_a_code_is_not_accepted_twice(world, client):
    from django.test import Client

    code = next_usable_code(_device("city_admin"))
    _password_login(client, "city_admin")
    assert client.post(VERIFY, {"code": code}).status_code == 302
    other = Client()
    _password_login(other, "city_admin")
    assert other.post(VERIFY, {"code": code}).status_code == 400


def test_a_recovery_code_works_once(world, client):
    user = User.objects.get(username="xihuamen_admin")
    _password_login(client, "xihuamen_admin")
    client.post(VERIFY, {"code": next_usable_code(_device("xihuamen_admin"))})
    client.post(reverse("accounts:mfa_recovery"))
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    client.logout()
    _password_login(client, "xihuamen_admin")
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
    assert client.get(HOME).status_code == 200
    client.logout()
    _password_login(client, "xihuamen_admin")
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


@pytest.mark.parametrize("username", ["resident_demo", "member_demo", "huaxi_contact"])
def test_residents_members_and_unit_contacts_are_not_asked(world, client, username):
    _password_login(client, username)
    assert client.get(HOME).status_code == 200


def test_a_staff_account_without_a_device_enrols_at_first_login(world, client):
    TOTPDevice.objects.filter(user__username="qingyuan_admin").delete()
    _password_login(client, "qingyuan_admin")
    response = client.get(HOME)
    assert response["Location"] == f"{reverse('accounts:mfa_enrol')}?next=%2F"
    page = client.get(reverse("accounts:mfa_enrol")).content.decode()
    assert "<svg" in page
    assert 'id="mfa-secret"' in page
    pending = TOTPDevice.objects.get(user__username="qingyuan_admin")
    assert pending.confirmed is False
    assert client.post(reverse("accounts:mfa_enrol"), {"code": "abc"}).status_code == 400
    with time_machine.travel(dt.timedelta(seconds=2)):  # django-otp's back-off after a failure
        response = client.post(reverse("accounts:mfa_enrol"), {"code": current_code(pending)})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    pending.refresh_from_db()
    assert pending.confirmed is True
    assert client.get(HOME).status_code == 200


def test_an_htmx_request_of_an_unverified_session_is_redirected_by_htmx(world, client):
    _password_login(client, "city_admin")
    response = client.get(reverse("accounts:role_org_options"), HTTP_HX_REQUEST="true")
    assert (response.status_code, response["HX-Redirect"]) == (204, VERIFY)


def test_force_login_in_tests_counts_as_verified(world, client):
    """The conftest's one exception, which every other test relies on."""
    client.force_login(world.users["city_admin"])
    assert client.get(HOME).status_code == 200


def test_the_otp_command_prints_the_demo_code_only_for_demo_accounts(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("otp", "city_admin", stdout=out)
    assert out.getvalue().strip() == next_usable_code(_device("city_admin"))
    TOTPDevice.objects.filter(user__username="qingyuan_admin").update(key="00" * 20)
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("otp", "qingyuan_admin", stdout=StringIO())
