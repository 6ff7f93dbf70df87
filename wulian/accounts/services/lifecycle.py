"""API tokens, and an account's state: enabled or disabled, locked out, anonymised, its data exported."""

import datetime as dt
import secrets
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import (
    ApiToken,
    LoginSession,
    User,
)
from wulian.accounts.rules import can_create_token, can_revoke_token
from wulian.accounts.services.access import require, require_administrable
from wulian.accounts.services.credentials import (
    _forget_mfa_devices,
    end_sessions,
    end_tokens,
)
from wulian.accounts.services.roles import forget_scopes
from wulian.audit.services import record
from wulian.core.crypto import sm3_hex


def token_days_default() -> int:
    return int(getattr(settings, "WULIAN_TOKEN_DAYS", 90))


TOKEN_MAX_DAYS = 365


def create_token(*, user: User, by: User | None, name: str = "", days: int | None = None) -> str:
    """Make a named bearer token that expires after ``days`` (default ``WULIAN_TOKEN_DAYS``, 90)
    and return it once; only its hash is kept. For oneself only; ``by`` None (the ``token``
    command, benchmarks) makes any user's."""
    require(by, "token.create")
    if not can_create_token(by, user):
        raise PermissionDenied("token.create")
    days = token_days_default() if days is None else days
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError({"days": _("有效期应为1至%(n)d天。") % {"n": TOKEN_MAX_DAYS}})
    name = (name or "").strip()[:50] or _("接口令牌")
    key = "wl_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            key_hash=sm3_hex(key),
            prefix=key[:8],
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        record(
            actor=by,
            action="token.create",
            obj=token,
            object_repr=f"{token.prefix}… {user}",
            after={"name": name, "days": days},
        )
    return key


def revoke_token(*, token: ApiToken, by: User | None) -> None:
    """The token's owner, or the security admin, ends a token; the security admin not one of the
    other two administrators' (三员分立, like every change to their accounts)."""
    if not can_revoke_token(by, token):
        raise PermissionDenied("token.revoke_any")
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked=False).update(
            revoked=True, revoked_at=timezone.now(), revoked_reason="revoked"
        )
        if not updated:
            raise ValidationError(_("该令牌已失效。"))
        record(
            actor=by, action="token.revoke", obj=token, object_repr=f"{token.prefix}… {token.user}"
        )


def end_login_session(*, login_session: LoginSession, by: User | None) -> None:
    """The account holder ends one of their own sessions (another browser, a lost phone)."""
    if by is None or by.pk != login_session.user_id:
        raise PermissionDenied("account.self")
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with transaction.atomic():
        store(session_key=login_session.session_key).delete()
        record(
            actor=by,
            action="session.end",
            obj=login_session.user,
            after={"session": login_session.pk, "ip": login_session.ip},
        )
        login_session.delete()


def set_active(*, user: User, active: bool, by: User | None) -> None:
    """Disable (or enable again) an account. Disabling ends its sessions and API tokens."""
    require(by, "user.disable")
    require_administrable(by, user)
    if user.is_active == active:
        raise ValidationError(_("该账号已是此状态。"))
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        forget_scopes(users=[user])
        if not active:
            end_sessions(user=user)
            end_tokens(user=user, reason="disabled")
        record(actor=by, action="user.enable" if active else "user.disable", obj=user)


def on_lockout(*, username: str) -> None:
    """An account locked out by repeated wrong passwords loses its API tokens (a guessed
    password must not leave a working token behind)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return
    with transaction.atomic():
        if end_tokens(user=user, reason="lockout"):
            record(actor=None, action="token.end_on_lockout", obj=user)


def authenticate_token(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=sm3_hex(key or ""), revoked=False, user__is_active=True)
        .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def anonymise_account(*, user: User) -> None:
    """The account side of an approved deletion request (people.services.decide_erasure, which
    checks, audits and holds the transaction): the account is disabled for good, its names and
    mobile number (blind index included) cleared, its sessions and tokens ended, its roles and
    second factor removed. The row stays, so that the records it signed keep their foreign keys."""
    user.username = f"erased-{user.pk}"
    user.display_name = str(_("已注销居民"))
    user.first_name = user.last_name = user.email = user.signup_name = ""
    user.phone_encrypted, user.phone_index, user.phone_masked = "", None, ""
    user.is_active = False
    user.set_unusable_password()
    user.person = None
    user.save()
    end_sessions(user=user)
    end_tokens(user=user, reason="erased")
    user.roles.all().delete()
    forget_scopes(users=[user])
    _forget_mfa_devices(user)


def export_own_data(*, user: User, fmt: str) -> bytes:
    """A user's copy of everything the platform holds about them (PIPL art. 45), as JSON or
    Excel, built from every app's ``personal_data.py``; their own person record decrypted.
    Audited (the format and the sections' row counts, nothing personal)."""
    from wulian.core import personal_data

    if fmt not in ("json", "xlsx"):
        raise ValidationError({"fmt": _("格式只能是 json 或 xlsx。")})
    data = personal_data.own_data_json(user) if fmt == "json" else personal_data.own_data_xlsx(user)
    with transaction.atomic():
        record(actor=user, action="personal_data.download", obj=user, after={"format": fmt})
    return data
