"""Passwords: at least 8 characters and 3 of 4 classes (lower, upper, digit, symbol)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wulian.accounts.models import User
from wulian.accounts.services import create_user

CLASSES = "密码须包含小写字母、大写字母、数字、符号中的至少3类。"


def _refused(world, password: str) -> list[str]:
    before = User.objects.count()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        create_user(username="newcomer", password=password, by=world.users["system_admin"])
    assert User.objects.count() == before
    assert not User.objects.filter(username="newcomer").exists()
    with translation.override("zh-hans"):
        return exc.value.message_dict["password"]


def test_password_of_seven_characters_is_refused(world):
    messages = _refused(world, "Qz7!mnp")  # four classes, one character short
    assert len(messages) == 1
    assert "8" in messages[0]


@pytest.mark.parametrize("password", ["qzwkmnp7", "QZWKMNP!", "qzwk!mnp"])
def test_password_of_two_classes_is_refused(world, password):
    assert _refused(world, password) == [CLASSES]


@pytest.mark.parametrize("password", ["Qz7kLmnp", "qz7k!mnp", "QZ7K!MNP", "Qzwk!mnp"])
def test_password_of_eight_with_three_classes_is_accepted(world, password):
    user = create_user(username="newcomer", password=password, by=world.users["system_admin"])
    assert User.objects.get(username="newcomer").check_password(password) is True
    assert user.username == "newcomer"
