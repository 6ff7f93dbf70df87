from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import DEPARTMENT, STAFF, UNIT, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.duties.selectors import user_org_ids
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.duties.models import Duty
    from wulian.orgs.models import Org

register(
    {
        "duty.view": STAFF | DEPARTMENT | UNIT,
        "duty.create": STAFF,
        "duty.assign": STAFF,
        "duty.report": STAFF | UNIT,
        "duty.import": STAFF,
        "duty.export": STAFF | UNIT,
        "holiday.view": STAFF,
        # The national holiday table is business data: the city's staff and admins keep it (never
        # the 三员: issue 16, defect 9).
        "holiday.manage": {RoleKind.CITY_ADMIN, RoleKind.CITY_STAFF},
    }
)

register_notifications(
    {
        "duty.create": Kind(
            _("新的清单事项"),
            (To.OFFICIALS, To.LINE),
            _(
                "牵头单位的管理员、工作人员和联络员；牵头单位所属条线部门（其层级覆盖该单位）的管理员和工作人员"
            ),
        ),
        "duty.assign": Kind(
            _("上级下达事项"),
            (To.OFFICIALS, To.LINE),
            _(
                "承接事项的牵头单位的管理员、工作人员和联络员；该单位所属条线部门（其层级覆盖该单位）的管理员和工作人员"
            ),
        ),
        "duty.report": Kind(
            _("清单事项有新进展"), (To.OFFICIALS,), _("下达事项的上级单位的管理员和工作人员")
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


def can_keep_list(user: User | AnonymousUser | None, org: Org) -> bool:
    """Create a duty list for ``org`` and add duties to it: the org's unit contacts, and staff
    whose subtrees hold the org's area."""
    if user is None:
        return True
    if not has_action(user, "duty.create"):
        return False
    scope = scope_for(user)
    return org.pk in scope.unit_org_ids or scope.covers_path(org.area.path)


def can_report(user: User | AnonymousUser | None, duty: Duty) -> bool:
    """Progress on a duty: someone holding a role at its lead org or at a co-operating org."""
    if user is None:
        return True
    if not has_action(user, "duty.report"):
        return False
    mine = user_org_ids(user)
    return duty.lead_org_id in mine or any(org.pk in mine for org in duty.co_orgs.all())


def can_mark_done(user: User | AnonymousUser | None, duty: Duty) -> bool:
    """Close a duty as done: its lead org only."""
    return user is None or (
        has_action(user, "duty.report") and duty.lead_org_id in user_org_ids(user)
    )
