"""The sign-up page is Chinese, and so are the password rules' refusals: Django 5.2's minimum
length message is a msgid its own zh_Hans catalog does not translate, so the platform words it."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wulian.accounts.models import User


def test_a_short_password_is_refused_in_chinese_on_the_sign_up_page(db, client):
    before = User.objects.count()
    response = client.post(
        reverse("accounts:signup"),
        {
            "action": "submit",
            "phone": "13990005678",
            "code": "123456",
            "name": "新居民",
            "community": "黉门街社区",
            "password": "Ab1!x",
            "password2": "Ab1!x",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "密码太短，至少需要8位。" in page
    assert "too short" not in page
    assert User.objects.count() == before


def test_every_password_rule_answers_in_chinese():
    from django.contrib.auth.password_validation import validate_password

    with translation.override("zh-hans"):
        try:
            validate_password("1234")
        except ValidationError as exc:
            messages = exc.messages
    assert [m for m in messages if any("a" <= c.lower() <= "z" for c in m)] == []
    assert "密码太短，至少需要8位。" in messages
