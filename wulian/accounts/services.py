"""Accounts, roles (with 三员分立) and API tokens."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import (
    AREA_ROLE_LEVEL,
    SEPARATED_ADMIN_ROLES,
    ApiToken,
    Role,
    RoleKind,
    User,
)
from wulian.accounts.rules import has_action
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
    require(by, "user.set_password")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(actor=by, action="user.set_password", obj=user)


def grant_role(*, user: User, kind: str, org=None, by) -> Role:
    require(by, "role.grant")
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
            elif kind == RoleKind.UNIT_CONTACT and not org.is_unit:
                raise ValidationError({"org": _("驻区单位联络员只能设在驻区单位。")})
        try:
            with transaction.atomic():
                role = Role.objects.create(user=user, kind=kind, org=org)
        except IntegrityError:
            raise ValidationError({"kind": _("该账号已有此角色。")}) from None
        record(actor=by, action="role.grant", obj=role, after=snapshot(role))
    user.__dict__.pop("_wulian_scope", None)
    user.__dict__.pop("_wulian_role_kinds", None)
    return role


def revoke_role(*, role: Role, by) -> None:
    require(by, "role.revoke")
    with transaction.atomic():
        before = snapshot(role)
        record(actor=by, action="role.revoke", obj=role, before=before)
        role.delete()


def create_token(*, user: User, by) -> str:
    """Make a bearer token and return it once; only its hash is kept."""
    key = "wl_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, key_hash=sm3_hex(key), prefix=key[:8])
        record(actor=by, action="token.create", obj=token, object_repr=f"{token.prefix}… {user}")
    return key


def authenticate_token(key: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=sm3_hex(key or ""), revoked=False, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
