"""Service agreements: drafted by the area's party organization (area roles), confirmed by both
sides, deliveries recorded by the unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, STAFF, UNIT, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.agreements.models import Agreement, ServiceItem

register(
    {
        "agreement.view": STAFF | DEPARTMENT | UNIT,  # list, detail, fulfilment, PDF
        "agreement.create": STAFF,
        "agreement.update": STAFF,  # edit a draft and its items, submit, revise, end
        "agreement.confirm": STAFF | UNIT,  # each side confirms for itself
        "delivery.create": STAFF | UNIT,
        "delivery.confirm": STAFF,  # the community (party side) confirms or rejects what the unit recorded
    }
)

register_notifications(
    {
        "agreement.submitted": Kind(
            _("共建协议待确认"), (To.UNIT_CONTACTS,), _("签约单位的联络员")
        ),
        "agreement.in_force": Kind(
            _("共建协议已生效"),
            (To.OFFICIALS,),
            _("签约单位的联络员和区域党组织的管理员、工作人员"),
        ),
        "delivery.rejected": Kind(
            _("服务记录未获社区确认"), (To.UNIT_CONTACTS,), _("签约单位的联络员")
        ),
        "delivery.confirm_overdue": Kind(
            _("服务记录逾期未确认"), (To.AREA_STAFF,), _("协议所在区域党组织的管理员和工作人员")
        ),
    }
)


# ------------------------------------------------------------------ object permissions
# ``can_<verb>(user, obj)``: used by the services (through ``require_can``), the pages' buttons
# and the API alike. ``None`` is the platform itself (commands, jobs, demo) and always may.


def require_can(allowed: bool, what: str) -> None:
    """Turn a refused ``can_<verb>`` into the one denial type (403 on pages and API)."""
    if not allowed:
        raise PermissionDenied(what)


def is_party_side(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    """Area roles over the agreement's area act for the leading party organization."""
    return user is None or scope_for(user).covers_path(agreement.area.path)


def is_unit_side(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    return user is None or agreement.unit_id in scope_for(user).unit_org_ids


def can_draft(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    """Create a draft: the party side (the new agreement's area in the user's subtrees)."""
    return user is None or (has_action(user, "agreement.create") and is_party_side(user, agreement))


def can_update(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    """Edit a draft and its items, submit, revise, end: the party side."""
    return user is None or (has_action(user, "agreement.update") and is_party_side(user, agreement))


def can_confirm(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    """Each side confirms for itself: the party side or the unit side."""
    return user is None or (
        has_action(user, "agreement.confirm")
        and (is_party_side(user, agreement) or is_unit_side(user, agreement))
    )


def can_record_delivery(user: User | AnonymousUser | None, item: ServiceItem) -> bool:
    """Either side of the item's agreement, or the unit responsible for the item."""
    if user is None:
        return True
    if not has_action(user, "delivery.create"):
        return False
    agreement = item.agreement
    return (
        is_unit_side(user, agreement)
        or is_party_side(user, agreement)
        or item.responsible_org_id in scope_for(user).unit_org_ids
    )


def can_confirm_deliveries(user: User | AnonymousUser | None, agreement: Agreement) -> bool:
    """Confirm or reject what the unit recorded: the community (the party side)."""
    return user is None or (has_action(user, "delivery.confirm") and is_party_side(user, agreement))
