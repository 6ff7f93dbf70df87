"""Wrong passwords with a mobile number lock the same way whether the number has an account or
not: every spelling of a number counts under one name (the account's username, else the
normalised number), so the 5th failure is locked for both and the lockout tells nothing about
which numbers are registered."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from wulian.accounts.phone import phone_index
from wulian.accounts.tests.factories import PASSWORD, UserFactory
from wulian.core.crypto import encrypt_field
from wulian.core.validators import mask_phone

REGISTERED, UNKNOWN = "13990007702", "13990007703"
WRONG = "wrong-Password1"


def _spellings(number: str) -> list[str]:
    return [number, f"+86{number}", f"{number[:3]} {number[3:]}", f"{number[:5]} {number[5:]}",
            f"{number[:7]} {number[7:]}"]  # fmt: skip


def _signed_up(number: str = REGISTERED):
    return UserFactory(
        username="r5e6f7a8b",
        phone_encrypted=encrypt_field(number),
        phone_index=phone_index(number),
        phone_masked=mask_phone(number),
    )


def _login(client, username: str, password: str = WRONG):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.parametrize("number", [REGISTERED, UNKNOWN])
def test_five_spellings_of_a_number_lock_alike_registered_or_not(db, client, number):
    _signed_up()
    codes = [_login(client, typed).status_code for typed in _spellings(number)]
    assert codes == [200, 200, 200, 200, 429]


def test_an_unknown_number_counts_under_the_normalised_number(db, client):
    for typed in _spellings(UNKNOWN)[:3]:
        _login(client, typed)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        (UNKNOWN, 3)
    ]


def test_a_registered_number_counts_under_the_accounts_username(db, client):
    _signed_up()
    for typed in _spellings(REGISTERED)[:3]:
        _login(client, typed)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        ("r5e6f7a8b", 3)
    ]


def test_alternating_username_and_number_locks_the_account(db, client):
    _signed_up()
    for typed in ["r5e6f7a8b", "+86 139 9000 7702", "r5e6f7a8b", REGISTERED, "r5e6f7a8b"]:
        _login(client, typed)
    assert _login(client, REGISTERED, PASSWORD).status_code == 429
    assert _login(client, "r5e6f7a8b", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
