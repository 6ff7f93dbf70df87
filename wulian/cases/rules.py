from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, PEOPLE, STAFF, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.cases.models import Case

register(
    {
        "case.view": STAFF | DEPARTMENT,  # departments: the cases handled by units of their line
        "case.create": STAFF,
        "case.report": PEOPLE,  # a resident or party member reports a problem in their home area
        "case.follow": PEOPLE,  # the reporter follows their own reports and their timeline, nothing else
        "case.resolve": STAFF,
        "case.export": STAFF,
        "case.import": STAFF,
    }
)

register_notifications(
    {
        "case.new": Kind(
            _("新的矛盾纠纷"),
            (To.AREA_STAFF,),
            _("案件所在区域（网格内的案件为所在社区）党组织的管理员和工作人员"),
        ),
        "case.resolved": Kind(_("反映的问题已化解"), (To.PERSON,), _("反映问题的居民本人")),
    }
)


# ------------------------------------------------------------------ object permissions
# ``can_<verb>(user, obj)``: used by the services (through ``require_can``), the pages' buttons
# and the API alike. ``None`` is the platform itself (commands, jobs, demo) and always may.


def require_can(allowed: bool, what: str) -> None:
    """Turn a refused ``can_<verb>`` into the one denial type (403 on pages and API)."""
    if not allowed:
        raise PermissionDenied(what)


def can_resolve(user: User | AnonymousUser | None, case: Case) -> bool:
    """Record how a case was resolved: staff whose subtrees hold the case's area (a department
    sees the cases its line's units handled, but does not resolve them)."""
    return user is None or (
        has_action(user, "case.resolve") and scope_for(user).covers_path(case.area.path)
    )
