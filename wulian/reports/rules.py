"""Who may do what with resident reports (随手拍), and who is told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, PEOPLE, STAFF, UNIT, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.reports.models import Report

register(
    {
        "report.submit": PEOPLE,  # a resident or party member reports a problem (phone page, Open311)
        "report.follow": PEOPLE,  # the reporter follows their own reports and answers 已解决 / 未解决
        # staff over the report's area; a unit the report was routed to; a department (条线) whose
        # line it was routed to
        "report.view": STAFF | UNIT | DEPARTMENT,
        "report.triage": STAFF,  # duplicate, route, turn into a case or an agenda item
        # record that it was dealt with (staff over the area, the routed unit or department's line)
        "report.handle": STAFF | UNIT | DEPARTMENT,
    }
)

register_notifications(
    {
        "report.new": Kind(
            _("新的随手拍"),
            (To.AREA_STAFF,),
            _("反映所在社区（网格内为所在社区；仅有坐标时为全市）党组织的管理员和工作人员"),
        ),
        "report.routed": Kind(
            _("随手拍转交办理"), (To.OFFICIALS,), _("承办单位的管理员、工作人员和联络员")
        ),
        "report.update": Kind(
            _("您的随手拍有新进展"),
            (To.PERSON,),
            _("反映人本人（及合并到该反映的重复反映的反映人本人）"),
        ),
        "report.unresolved": Kind(
            _("居民反馈随手拍未解决"), (To.AREA_STAFF,), _("反映所在社区党组织的管理员和工作人员")
        ),
    }
)


def can_triage(user: User | AnonymousUser | None, report: Report) -> bool:
    return has_action(user, "report.triage") and scope_for(user).covers_path(report.area.path)


def can_handle(user: User | AnonymousUser | None, report: Report) -> bool:
    """Staff over the report's area, someone working for the unit it was routed to, or a
    department (条线) user whose line it was routed to."""
    if not has_action(user, "report.handle"):
        return False
    scope = scope_for(user)
    if scope.covers_path(report.area.path):
        return True
    if report.routed_to is None:
        return False
    return report.routed_to_id in scope.unit_org_ids or scope.in_line(report.routed_to)


def can_answer(user: User | AnonymousUser | None, report: Report) -> bool:
    return (
        has_action(user, "report.follow")
        and report.reporter_id is not None
        and report.reporter_id == getattr(user, "person_id", None)
    )
