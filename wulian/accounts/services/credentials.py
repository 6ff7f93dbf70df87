"""Accounts, passwords, login sessions, second factors and the break-glass reset."""

from __future__ import annotations

import secrets
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import (
    ApiToken,
    LoginSession,
    User,
)
from wulian.accounts.rules import holds_separated_role
from wulian.accounts.services.access import require, require_administrable
from wulian.audit.services import record, snapshot

if TYPE_CHECKING:
    from collections.abc import Callable

    from wulian.people.models import Person


def create_user(
    *,
    username: str,
    password: str,
    by: User | None,
    display_name: str = "",
    person: Person | None = None,
) -> User:
    from wulian.accounts.phone import username_errors

    require(by, "user.create")
    username = (username or "").strip()
    if name_errors := username_errors(username):
        raise ValidationError({"username": name_errors})
    user = User(username=username, display_name=display_name, person=person)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    with transaction.atomic():
        user.set_password(password)
        user.save()
        record(
            actor=by, action="user.create", obj=user, after=snapshot(user, exclude=("password",))
        )
    return user


def set_password(*, user: User, password: str, by: User | None) -> None:
    """Reset another account's password: the user must choose a new one at the next login, and
    every session and API token of the account ends."""
    require(by, "user.set_password")
    require_administrable(by, user)
    validate_new_password(password, user, field="password")
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        end_sessions(user=user)
        end_tokens(user=user, reason="password_reset")
        record(actor=by, action="user.set_password", obj=user)


def change_own_password(
    *, user: User, old_password: str, new_password: str, keep_session: str = ""
) -> None:
    """The account holder's own change: the old password is checked, every other session and
    every API token ends (the session ``keep_session`` goes on)."""
    errors: dict[str, list[str]] = {}
    if not user.check_password(old_password or ""):
        errors["old_password"] = [_("原密码不正确。")]
    elif old_password == new_password:
        errors["new_password"] = [_("新密码不能与原密码相同。")]
    if errors:
        raise ValidationError(errors)
    validate_new_password(new_password, user, field="new_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        end_sessions(user=user, keep=keep_session)
        end_tokens(user=user, reason="password_change")
        record(actor=user, action="user.change_password", obj=user)


def validate_new_password(password: str, user: User, *, field: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def end_sessions(*, user: User, keep: str = "") -> int:
    """End every browser session of the account (but ``keep``); returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for login in LoginSession.objects.filter(user=user).exclude(session_key=keep or None):
        store(session_key=login.session_key).delete()
        login.delete()
        ended += 1
    return ended


def end_tokens(*, user: User, reason: str) -> int:
    """Revoke every live API token of the account; returns how many."""
    return ApiToken.objects.filter(user=user, revoked=False).update(
        revoked=True,
        revoked_at=timezone.now(),
        revoked_reason=reason,
    )


def record_login_session(*, user: User, session_key: str, ip: str | None, user_agent: str) -> None:
    """Keep a new signed-in session (called on every login); forget the account's sessions that
    have ended on their own (expired or logged out elsewhere)."""
    from django.contrib.sessions.models import Session

    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    LoginSession.objects.filter(user=user).exclude(session_key__in=live).delete()
    LoginSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "ip": ip or None, "user_agent": (user_agent or "")[:200]},
    )


def rekey_login_session(*, old: str | None, new: str | None) -> None:
    """Follow a session whose key was cycled (a password change keeps the user signed in)."""
    if old and new and old != new:
        LoginSession.objects.filter(session_key=old).update(session_key=new)


def break_glass_reset(*, target: User, approvers: list[User], reset_mfa: bool = False) -> str:
    """Reset one of the three administrators, approved by two others of the three whose
    credentials the command has checked. Returns a new random password (to change at the next
    login); every session and token of the target ends. Audited, with the approvers named."""
    if not holds_separated_role(target):
        raise ValidationError({"user": _("紧急重置只用于三员账号；其他账号由系统管理员重置密码。")})
    names = {a.username for a in approvers}
    if len(approvers) != 2 or len(names) != 2:
        raise ValidationError({"approver": _("须由两名不同的三员共同批准。")})
    if target.username in names:
        raise ValidationError({"approver": _("被重置的账号不能批准自己的重置。")})
    for approver in approvers:
        if not approver.is_active or not holds_separated_role(approver):
            raise ValidationError(
                {"approver": _("“%(u)s”不是在用的三员账号。") % {"u": approver.username}}
            )
    password = _random_password()
    with transaction.atomic():
        target.set_password(password)
        target.must_change_password = True
        target.is_active = True
        target.save(update_fields=["password", "must_change_password", "is_active"])
        end_sessions(user=target)
        end_tokens(user=target, reason="break_glass")
        if reset_mfa:
            _forget_mfa_devices(target)
        record(
            actor=None,
            action="user.break_glass",
            obj=target,
            after={"approvers": sorted(names), "reset_mfa": reset_mfa},
        )
    from axes.utils import reset as axes_reset

    axes_reset(username=target.username)
    return password


def check_second_factor(user: User, read_code: Callable[[], str | None]) -> bool:
    """True when the account has no confirmed second factor, or ``read_code()`` gives a code one
    of its devices accepts (TOTP or a recovery code, which is then used up)."""
    from django_otp import devices_for_user

    devices = list(devices_for_user(user, confirmed=True))
    if not devices:
        return True
    code = (read_code() or "").strip().replace(" ", "")
    return any(device.verify_is_allowed()[0] and device.verify_token(code) for device in devices)


def _forget_mfa_devices(user: User) -> None:
    """Delete the account's second factors, so that it enrols again at the next login."""
    from django_otp import devices_for_user

    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()


def _random_password() -> str:
    """A password that passes the validators: four character classes, 16 characters."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    body = "".join(secrets.choice(alphabet) for _ in range(12))
    return (
        body[:4]
        + secrets.choice("ABCDEFGHJKLMN")
        + secrets.choice("23456789")
        + "-"
        + body[4:]
        + "!"
    )
