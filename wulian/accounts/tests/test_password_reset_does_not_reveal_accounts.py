"""Forgotten password: the code is checked before the new password, so a registered number and
an unknown one get the same answer to a wrong code (the password rules compare with the account's
names and would otherwise reveal which numbers have accounts)."""

from django.urls import reverse

from wulian.accounts.models import User
from wulian.web.demo import DEMO_PASSWORD


def _submit(client, phone: str):
    return client.post(
        reverse("accounts:sms_reset"),
        {
            "action": "submit",
            "phone": phone,
            "code": "123456",
            "password": "resident_demo",
            "password2": "resident_demo",
        },
    )


def test_a_registered_and_an_unknown_number_get_the_same_answer(world, client, outbox):
    registered, unknown = _submit(client, "13880001002"), _submit(client, "13990005678")
    assert registered.status_code == unknown.status_code == 400
    for response in (registered, unknown):
        page = response.content.decode()
        assert "验证码已失效或尚未获取，请重新获取。" in page
        assert "太相似" not in page
        assert "密码须包含" not in page
    assert User.objects.get(username="resident_demo").check_password(DEMO_PASSWORD) is True
