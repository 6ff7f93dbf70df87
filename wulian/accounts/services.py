"""Accounts, roles (with 三员分立) and API tokens."""

import datetime as dt
import secrets
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import (
    AREA_ROLE_LEVEL,
    DEPARTMENT_ROLES,
    SEPARATED_ADMIN_ROLES,
    ApiToken,
    LoginSession,
    Role,
    RoleKind,
    User,
)
from wulian.accounts.rules import can_administer_account, has_action, holds_separated_role
from wulian.accounts.selectors import scope_for
from wulian.audit.services import record, snapshot
from wulian.core.crypto import sm3_hex


def require(by, action: str) -> None:
    """Raise PermissionDenied unless the actor's roles allow the action (None = the system)."""
    if by is not None and not has_action(by, action):
        raise PermissionDenied(action)


def require_area(by, path: str, *, admin: bool = False) -> None:
    """Raise PermissionDenied unless the area path lies in the actor's subtrees."""
    if by is not None and not scope_for(by).covers_path(path, admin=admin):
        raise PermissionDenied(path)


def require_administrable(by, user: User) -> None:
    """三员分立: refuse (PermissionDenied) a change by ``by`` to ``user``'s password, state or
    roles when ``user`` is ``by`` or one of the three administrators."""
    if not can_administer_account(by, user):
        raise PermissionDenied("三员分立")


def create_user(*, username: str, password: str, by, display_name: str = "", person=None) -> User:
    require(by, "user.create")
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": _("请填写用户名。")})
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("用户名“%(u)s”已存在。") % {"u": username}})
    user = User(username=username, display_name=display_name, person=person)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    with transaction.atomic():
        user.set_password(password)
        user.save()
        record(actor=by, action="user.create", obj=user, after=snapshot(user, exclude=("password",)))
    return user


def set_password(*, user: User, password: str, by) -> None:
    """Reset another account's password: the user must choose a new one at the next login, and
    every session and API token of the account ends."""
    require(by, "user.set_password")
    require_administrable(by, user)
    _validated(password, user, field="password")
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        end_sessions(user=user)
        end_tokens(user=user, reason="password_reset")
        record(actor=by, action="user.set_password", obj=user)


def change_own_password(*, user: User, old_password: str, new_password: str, keep_session: str = "") -> None:
    """The account holder's own change: the old password is checked, every other session and
    every API token ends (the session ``keep_session`` goes on)."""
    errors: dict[str, list[str]] = {}
    if not user.check_password(old_password or ""):
        errors["old_password"] = [_("原密码不正确。")]
    elif old_password == new_password:
        errors["new_password"] = [_("新密码不能与原密码相同。")]
    if errors:
        raise ValidationError(errors)
    _validated(new_password, user, field="new_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        end_sessions(user=user, keep=keep_session)
        end_tokens(user=user, reason="password_change")
        record(actor=user, action="user.change_password", obj=user)


def _validated(password: str, user: User, *, field: str) -> None:
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
        revoked=True, revoked_at=timezone.now(), revoked_reason=reason,
    )


def record_login_session(*, user: User, session_key: str, ip: str | None, user_agent: str) -> None:
    """Keep a new signed-in session (called on every login); forget the account's sessions that
    have ended on their own (expired or logged out elsewhere)."""
    from django.contrib.sessions.models import Session

    live = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    LoginSession.objects.filter(user=user).exclude(session_key__in=live).delete()
    LoginSession.objects.update_or_create(
        session_key=session_key, defaults={"user": user, "ip": ip or None, "user_agent": (user_agent or "")[:200]},
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
            raise ValidationError({"approver": _("“%(u)s”不是在用的三员账号。") % {"u": approver.username}})
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
        record(actor=None, action="user.break_glass", obj=target,
               after={"approvers": sorted(names), "reset_mfa": reset_mfa})
    from axes.utils import reset as axes_reset

    axes_reset(username=target.username)
    return password


def check_second_factor(user: User, read_code) -> bool:
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
    return body[:4] + secrets.choice("ABCDEFGHJKLMN") + secrets.choice("23456789") + "-" + body[4:] + "!"


def grant_role(*, user: User, kind: str, org=None, by) -> Role:
    require(by, "role.grant")
    require_administrable(by, user)
    if by is not None and kind in SEPARATED_ADMIN_ROLES:
        raise ValidationError({"kind": _("三员角色不能在页面或接口中授予。")})
    if kind not in RoleKind.values:
        raise ValidationError({"kind": _("未知角色“%(k)s”。") % {"k": kind}})
    with transaction.atomic():
        # Lock the user row so that two grants cannot both pass the 三员分立 check.
        User.objects.select_for_update().filter(pk=user.pk).first()
        held = set(Role.objects.filter(user=user).values_list("kind", flat=True))
        if kind in SEPARATED_ADMIN_ROLES and held - {kind}:
            raise ValidationError({"kind": _("系统管理员、安全管理员、审计管理员不能兼任其他角色。")})
        if held & SEPARATED_ADMIN_ROLES and kind not in held:
            raise ValidationError({"kind": _("该账号已是三员之一，不能再授予其他角色。")})
        if kind in SEPARATED_ADMIN_ROLES:
            if org is not None:
                raise ValidationError({"org": _("三员角色不属于任何组织。")})
        else:
            if org is None:
                raise ValidationError({"org": _("请选择角色所在的组织。")})
            level = AREA_ROLE_LEVEL.get(RoleKind(kind))
            if level is not None:
                root = org.leads or (org.area if org.kind == "governance_committee" else None)
                if root is None or root.level != level:
                    raise ValidationError(
                        {"org": _("“%(o)s”不是领导%(l)s的党组织，不能授予该角色。") % {"o": org, "l": level}}
                    )
            elif kind in DEPARTMENT_ROLES and org.kind != "department":
                raise ValidationError({"org": _("条线部门的角色只能设在条线部门。")})
            elif kind == RoleKind.UNIT_CONTACT and not org.is_unit:
                raise ValidationError({"org": _("驻区单位联络员只能设在驻区单位。")})
        try:
            with transaction.atomic():
                role = Role.objects.create(user=user, kind=kind, org=org)
        except IntegrityError:
            raise ValidationError({"kind": _("该账号已有此角色。")}) from None
        record(actor=by, action="role.grant", obj=role, after=snapshot(role))
        forget_scopes(users=[user])
    return role


def revoke_role(*, role: Role, by) -> None:
    require(by, "role.revoke")
    require_administrable(by, role.user)
    with transaction.atomic():
        before = snapshot(role)
        record(actor=by, action="role.revoke", obj=role, before=before)
        role.delete()
        forget_scopes(users=[role.user])


def forget_scopes(*, users: Iterable[User] = (), user_ids: Iterable[int] = (), person_ids: Iterable[int] = (),
                  org_ids: Iterable[int] = (), department_roles: bool = False) -> None:
    """Make the next request of these accounts compute their scope and roles afresh (see
    ``accounts.selectors.scope_for``): a new random ``scope_stamp`` for ``users``, ``user_ids``,
    the accounts of ``person_ids``, the holders of a role at one of ``org_ids`` and, with ``department_roles``, every holder of
    a department role (a department's line reaches the departments under it). Called inside the
    changing service's transaction, by every service that changes what a scope is made of: roles
    granted or revoked, an account disabled or erased, an org moved or re-led, a line changed, a
    home area moved."""
    users = list(users)
    ids = {u.pk for u in users} | set(user_ids)
    q = models.Q(pk__in=sorted(ids))
    if person_ids:
        q |= models.Q(person_id__in=sorted(set(person_ids)))
    org_ids = sorted(set(org_ids))
    if org_ids:
        q |= models.Q(pk__in=Role.objects.filter(org_id__in=org_ids).values("user_id"))
    if department_roles:
        q |= models.Q(pk__in=Role.objects.filter(kind__in=DEPARTMENT_ROLES).values("user_id"))
    stamp = secrets.token_hex(8)
    User.objects.filter(q).update(scope_stamp=stamp)
    for user in users:
        user.scope_stamp = stamp
        user.__dict__.pop("_wulian_scope", None)
        user.__dict__.pop("_wulian_role_kinds", None)


def token_days_default() -> int:
    return int(getattr(settings, "WULIAN_TOKEN_DAYS", 90))


TOKEN_MAX_DAYS = 365


def create_token(*, user: User, by, name: str = "", days: int | None = None) -> str:
    """Make a named bearer token that expires after ``days`` (default ``WULIAN_TOKEN_DAYS``, 90)
    and return it once; only its hash is kept."""
    days = token_days_default() if days is None else days
    if not 1 <= days <= TOKEN_MAX_DAYS:
        raise ValidationError({"days": _("有效期应为1至%(n)d天。") % {"n": TOKEN_MAX_DAYS}})
    name = (name or "").strip()[:50] or _("接口令牌")
    key = "wl_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, key_hash=sm3_hex(key), prefix=key[:8],
                                        expires_at=timezone.now() + dt.timedelta(days=days))
        record(actor=by, action="token.create", obj=token, object_repr=f"{token.prefix}… {user}",
               after={"name": name, "days": days})
    return key


def revoke_token(*, token: ApiToken, by) -> None:
    """The token's owner, or the security admin, ends a token; the security admin not one of the
    other two administrators' (三员分立, like every change to their accounts)."""
    if by is not None and by.pk != token.user_id:
        if not has_action(by, "token.revoke_any"):
            raise PermissionDenied("token.revoke_any")
        require_administrable(by, token.user)  # 三员分立: not another administrator's token
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked=False).update(
            revoked=True, revoked_at=timezone.now(), revoked_reason="revoked")
        if not updated:
            raise ValidationError(_("该令牌已失效。"))
        record(actor=by, action="token.revoke", obj=token, object_repr=f"{token.prefix}… {token.user}")


def end_login_session(*, login_session: LoginSession, by) -> None:
    """The account holder ends one of their own sessions (another browser, a lost phone)."""
    if by is None or by.pk != login_session.user_id:
        raise PermissionDenied("account.self")
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with transaction.atomic():
        store(session_key=login_session.session_key).delete()
        record(actor=by, action="session.end", obj=login_session.user,
               after={"session": login_session.pk, "ip": login_session.ip})
        login_session.delete()


def set_active(*, user: User, active: bool, by) -> None:
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
