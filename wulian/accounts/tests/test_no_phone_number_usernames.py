"""A mobile number is never a username: the login reads it as that number's account, so an
account named with a resident's number would take the resident's logins (and lock them out). Every
path that names an account refuses it, and a legacy phone-shaped username does not shadow the
number's owner."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.accounts.models import RoleKind, User
from wulian.accounts.phone import phone_index
from wulian.accounts.services import create_user
from wulian.accounts.tests.factories import PASSWORD, UserFactory
from wulian.core.crypto import encrypt_field
from wulian.core.validators import mask_phone

REFUSAL = "用户名不能是手机号（手机号可直接用于登录）。"
ATTACKER_PASSWORD = "Angreifer-Passw0rt"


@pytest.mark.parametrize("username", ["13880001002", "+86 138 8000 1002", " 1388000 1002 "])
def test_a_community_admin_cannot_name_a_unit_contact_with_a_number(world, client, login, username):
    login("xihuamen_admin")
    response = client.post(
        reverse("accounts:local_account_create"),
        {
            "kind": "unit_contact",
            "username": username,
            "password": ATTACKER_PASSWORD,
            "org": world.orgs["museum"].pk,
        },
    )
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert not User.objects.filter(username__contains="1002").exists()


@pytest.mark.parametrize("username", ["13990007711", "+8613990007711"])
def test_the_system_administrator_cannot_name_an_account_with_a_number(db, username):
    admin = UserFactory(role=RoleKind.SYSTEM_ADMIN)
    with pytest.raises(ValidationError) as refused:
        create_user(username=username, password=ATTACKER_PASSWORD, by=admin)
    assert refused.value.message_dict == {"username": [REFUSAL]}


def test_other_digits_stay_allowed_as_usernames(db):
    admin = UserFactory(role=RoleKind.SYSTEM_ADMIN)
    for name in ["12345678901", "1388000100", "wang13880001002"]:
        assert create_user(username=name, password=ATTACKER_PASSWORD, by=admin).username == name


def test_a_legacy_phone_shaped_username_does_not_shadow_the_numbers_owner(db, client):
    number = "13990007712"
    UserFactory(username=number, password=ATTACKER_PASSWORD)  # made before names were checked
    owner = UserFactory(
        username="r9a8b7c6d",
        phone_encrypted=encrypt_field(number),
        phone_index=phone_index(number),
        phone_masked=mask_phone(number),
    )
    login = reverse("accounts:login")
    refused = client.post(login, {"username": number, "password": ATTACKER_PASSWORD})
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(login, {"username": number, "password": PASSWORD})
    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(owner.pk))


def test_no_demo_login_is_named_with_a_number():
    from wulian.accounts.phone.names import phone_shaped
    from wulian.web.demo import LOGINS

    assert [name for name, *_ in LOGINS if phone_shaped(name)] == []
