import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CLASSES = [
    re.compile(r"[a-z]"),
    re.compile(r"[A-Z]"),
    re.compile(r"\d"),
    re.compile(r"[^a-zA-Z\d]"),
]


class CharacterClassValidator:
    """At least N of the four classes: lower case, upper case, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for pattern in _CLASSES if pattern.search(password or ""))
        if found < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号中的至少%(n)d类。")
                % {"n": self.min_classes},
                code="password_classes",
            )

    def get_help_text(self):
        return _("密码须包含小写字母、大写字母、数字、符号中的至少%(n)d类。") % {
            "n": self.min_classes
        }


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, worded by the platform: Django 5.2 changed its message to a msgid that Django's
    own zh_Hans catalog does not translate, so a Chinese page showed it in English."""

    def get_error_message(self):
        return _("密码太短，至少需要%(n)d位。") % {"n": self.min_length}

    def get_help_text(self):
        return _("密码至少需要%(n)d位。") % {"n": self.min_length}
