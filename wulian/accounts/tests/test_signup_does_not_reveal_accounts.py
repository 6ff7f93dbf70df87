"""Sign-up answers a registered number as it answers a new one: "code sent", and a wrong code
is "wrong code" for both. The registered number's owner gets an SMS saying the number already
has an account (log in by code or reset the password) instead of a code: what a resident who
forgot they signed up expects, and nothing for someone typing other people's numbers."""

import re

from django.urls import reverse

from wulian.accounts.models import SmsCode, User
from wulian.accounts.phone import phone_index
from wulian.accounts.tests.factories import UserFactory
from wulian.areas.tests.factories import CommunityFactory
from wulian.core.crypto import encrypt_field
from wulian.orgs.tests.factories import PartyOrgFactory

REGISTERED, NEW = "13990001111", "13990002222"


def _registered():
    return UserFactory(
        phone_encrypted=encrypt_field(REGISTERED), phone_index=phone_index(REGISTERED)
    )


def _page(response, number: str) -> str:
    page = response.content.decode().replace(number, "NUMBER")
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page)  # the CSRF tokens


def test_a_code_request_for_a_registered_number_gets_the_same_answer(db, client, outbox):
    _registered()
    url = reverse("accounts:signup")
    registered = client.post(url, {"action": "send", "phone": REGISTERED})
    new = client.post(url, {"action": "send", "phone": NEW})
    assert registered.status_code == new.status_code == 200
    assert "验证码已发送" in registered.content.decode()
    assert _page(registered, REGISTERED) == _page(new, NEW)
    assert SmsCode.objects.count() == 2  # the registered number's request counts in the limits
    notice, code = outbox()
    assert (notice["to"], notice["template"], notice["params"]) == (
        REGISTERED,
        "account_exists",
        {},
    )
    assert "已注册五联账号" in notice["text"]
    assert (code["to"], len(code["params"]["code"])) == (NEW, 6)


def test_a_sign_up_for_a_registered_number_fails_on_the_code_like_any_wrong_code(
    db, client, outbox
):
    _registered()
    community = CommunityFactory()
    PartyOrgFactory(leads=community)
    url = reverse("accounts:signup")
    before = User.objects.count()
    answers = []
    for number in (REGISTERED, NEW):
        client.post(url, {"action": "send", "phone": number})
        sent = [m for m in outbox() if m["to"] == number][-1]["params"].get("code", "")
        guess = "000000" if sent != "000000" else "111111"
        response = client.post(
            url,
            {
                "action": "submit",
                "phone": number,
                "code": guess,
                "name": "新居民",
                "community": community.code,
                "password": "Neu-Passw0rt",
                "password2": "Neu-Passw0rt",
            },
        )
        answers.append(
            (response.status_code, "验证码不正确，还可以再试4次。" in response.content.decode())
        )
        assert "已注册" not in response.content.decode()
    assert answers == [(400, True), (400, True)]
    assert User.objects.count() == before
