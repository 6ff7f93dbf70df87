"""政绩考核 / 述职评议: the staff of the city, districts and streets set up their level's indicator
system, score its manual indicators and evaluate the reports of the level below; every level's
staff submit their own org's 述职 report and see their subtree's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import STAFF, has_action, register
from wulian.accounts.selectors import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.assessments.models import Report
    from wulian.orgs.models import Org

# The assessing levels: city, districts, streets (communities are assessed, they assess nobody).
LEVEL_STAFF = frozenset(
    {
        RoleKind.CITY_ADMIN,
        RoleKind.CITY_STAFF,
        RoleKind.DISTRICT_ADMIN,
        RoleKind.DISTRICT_STAFF,
        RoleKind.STREET_ADMIN,
        RoleKind.STREET_STAFF,
    }
)

register(
    {
        "assessment.view": STAFF,  # indicator systems of the user's subtrees, with their tables
        "assessment.manage": LEVEL_STAFF,  # set up a system and its indicators, score manual indicators
        "assessment.export": STAFF,
        "work_report.view": STAFF,  # 述职 reports of the user's subtrees (their own org's among them)
        "work_report.submit": STAFF,  # for an org the user works for
        "work_report.evaluate": LEVEL_STAFF,  # by the level above the reporting org
    }
)


def can_submit(user: User | AnonymousUser | None, org: Org) -> bool:
    return user is None or (
        has_action(user, "work_report.submit") and org.pk in scope_for(user).own_org_ids
    )


def can_evaluate(user: User | AnonymousUser | None, report: Report) -> bool:
    """The upper level: staff whose subtrees hold the level above the report's area, who do not
    work for the reporting org."""
    if user is None:
        return True
    if not has_action(user, "work_report.evaluate") or report.area.parent is None:
        return False
    scope = scope_for(user)
    return report.org_id not in scope.own_org_ids and scope.covers_path(report.area.parent.path)
