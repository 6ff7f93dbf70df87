"""Roles (with 三员分立), and making accounts compute their scope afresh when it changes."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import (
    AREA_ROLE_LEVEL,
    DEPARTMENT_ROLES,
    SEPARATED_ADMIN_ROLES,
    Role,
    RoleKind,
    User,
)
from wulian.accounts.services.access import require, require_administrable
from wulian.audit.services import record, snapshot

if TYPE_CHECKING:
    from wulian.orgs.models import Org


def _check_separation(held: set[str], kind: str) -> None:
    """三员分立: a separated administrator holds no other role, and gets none."""
    if kind in SEPARATED_ADMIN_ROLES and held - {kind}:
        raise ValidationError({"kind": _("系统管理员、安全管理员、审计管理员不能兼任其他角色。")})
    if held & SEPARATED_ADMIN_ROLES and kind not in held:
        raise ValidationError({"kind": _("该账号已是三员之一，不能再授予其他角色。")})


def _check_role_org(kind: str, org: Org | None) -> None:
    """The org a role sits at: none for the three administrators; else one of the right kind or level."""
    if kind in SEPARATED_ADMIN_ROLES:
        if org is not None:
            raise ValidationError({"org": _("三员角色不属于任何组织。")})
        return
    if org is None:
        raise ValidationError({"org": _("请选择角色所在的组织。")})
    level = AREA_ROLE_LEVEL.get(RoleKind(kind))
    if level is not None:
        root = org.leads or (org.area if org.kind == "governance_committee" else None)
        if root is None or root.level != level:
            raise ValidationError(
                {
                    "org": _("“%(o)s”不是领导%(l)s的党组织，不能授予该角色。")
                    % {"o": org, "l": level}
                }
            )
    elif kind in DEPARTMENT_ROLES and org.kind != "department":
        raise ValidationError({"org": _("条线部门的角色只能设在条线部门。")})
    elif kind == RoleKind.UNIT_CONTACT and not org.is_unit:
        raise ValidationError({"org": _("驻区单位联络员只能设在驻区单位。")})


def grant_role(*, user: User, kind: str, org: Org | None = None, by: User | None) -> Role:
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
        _check_separation(held, kind)
        _check_role_org(kind, org)
        try:
            with transaction.atomic():
                role = Role.objects.create(user=user, kind=kind, org=org)
        except IntegrityError:
            raise ValidationError({"kind": _("该账号已有此角色。")}) from None
        record(actor=by, action="role.grant", obj=role, after=snapshot(role))
        forget_scopes(users=[user])
    return role


def revoke_role(*, role: Role, by: User | None) -> None:
    require(by, "role.revoke")
    require_administrable(by, role.user)
    with transaction.atomic():
        before = snapshot(role)
        record(actor=by, action="role.revoke", obj=role, before=before)
        role.delete()
        forget_scopes(users=[role.user])


def forget_scopes(
    *,
    users: Iterable[User] = (),
    user_ids: Iterable[int] = (),
    person_ids: Iterable[int] = (),
    org_ids: Iterable[int] = (),
    department_roles: bool = False,
) -> None:
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
