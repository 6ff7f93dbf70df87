"""A resident who signed up gets a generated username (r1a2b3c4d) they will not remember: the
password login takes the phone number they signed up with in the username field too. A number
without an account gets the same answer as a wrong password, and failures with the number count
against the account, as failures with its username do."""

from axes.models import AccessAttempt
from django.urls import reverse

from wulian.accounts.phone import phone_index
from wulian.accounts.tests.factories import PASSWORD, UserFactory
from wulian.core.crypto import encrypt_field
from wulian.core.validators import mask_phone

NUMBER = "13990007777"


def _signed_up(number: str = NUMBER):
    return UserFactory(
        username="r1a2b3c4d",
        phone_encrypted=encrypt_field(number),
        phone_index=phone_index(number),
        phone_masked=mask_phone(number),
    )


def _login(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_signed_up_resident_logs_in_with_the_phone_number_and_password(db, client):
    user = _signed_up()
    response = _login(client, NUMBER, PASSWORD)
    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(user.pk))


def test_the_number_may_be_typed_with_spaces_and_country_code(db, client):
    user = _signed_up()
    response = _login(client, "+86 139 9000 7777", PASSWORD)
    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(user.pk))


def test_the_username_still_logs_in(db, client):
    user = _signed_up()
    response = _login(client, "r1a2b3c4d", PASSWORD)
    assert (response.status_code, client.session["_auth_user_id"]) == (302, str(user.pk))


def test_a_registered_and_an_unknown_number_get_the_same_refusal(db, client):
    _signed_up()
    registered = _login(client, NUMBER, "wrong-Password1")
    unknown = _login(client, "13990008888", "wrong-Password1")
    assert registered.status_code == unknown.status_code == 200
    for response in (registered, unknown):
        assert "用户名或密码错误。连续5次错误将锁定账号。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_with_the_number_count_against_the_account(db, client):
    _signed_up()
    for _ in range(5):
        _login(client, NUMBER, "wrong-Password1")
    response = _login(client, "r1a2b3c4d", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["r1a2b3c4d"]
