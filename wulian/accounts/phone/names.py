"""Names at the password login and for new accounts. The login takes a username or a mobile
number; text that is a mobile number (after ``normalize_phone``) always means that number, never
a username, so that

- every spelling of a number counts its failures under one lockout name: the username of the
  account of that number, else the number itself, whether or not the number is registered (the
  lockout never tells which numbers have accounts);
- no account may be named with a mobile number (nobody can take over a resident's number as a
  username; a legacy phone-shaped username no longer shadows the number's owner)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.phone.codes import MOBILE, user_by_phone
from wulian.core.validators import normalize_phone


def phone_shaped(text: str) -> str | None:
    """The normalised mainland mobile number ``text`` spells, or None."""
    number = normalize_phone((text or "").strip())
    return number if MOBILE.match(number) else None


def login_name(typed: str) -> str:
    """The username a password login is for, which is also its lockout name: for a mobile number
    the username of the account of that number (a resident's username is generated at sign-up),
    else the normalised number (refused like a wrong password, counted under the number: the
    answer never tells which numbers have accounts); for anything else ``typed``."""
    typed = (typed or "").strip()
    number = phone_shaped(typed)
    if number is None:
        return typed
    user = user_by_phone(number)
    return user.username if user is not None else number


def lockout_name(request: Any, credentials: dict | None) -> str:
    """``AXES_USERNAME_CALLABLE``: the name failures count under. The login form's credentials
    carry ``login_name`` already (resolving twice could move a legacy phone-shaped username to
    another account); a request without them is resolved here the same way."""
    if credentials is not None:
        return str(credentials.get("username") or "")
    data = getattr(request, "POST", None) or {}
    return login_name(data.get("username") or "")


def username_errors(username: str) -> list[str]:
    """What is wrong with ``username`` (stripped) for a new account: empty, taken, or a mobile
    number (which the login reads as that number's account)."""
    if not username:
        return [_("请填写用户名。")]
    if phone_shaped(username) is not None:
        return [_("用户名不能是手机号（手机号可直接用于登录）。")]
    if User.objects.filter(username=username).exists():
        return [_("用户名“%(u)s”已存在。") % {"u": username}]
    return []
