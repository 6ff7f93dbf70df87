"""What the report services share: a report's history entry, who is told (its reporters, the
staff of its area), and the community an area lies in."""

from __future__ import annotations

from wulian.accounts.models import User
from wulian.areas.models import Area, Level
from wulian.notifications import recipients
from wulian.orgs.models import Org
from wulian.reports.models import Report, ReportEvent


def community_of(area: Area | None) -> Area | None:
    if area is None:
        return None
    if area.level == Level.COMMUNITY:
        return area
    if area.level == Level.GRID and area.parent_id:
        return Area.objects.get(pk=area.parent_id)
    return None


def _reporters(report: Report) -> recipients.Recipients:
    """The reporter of a report and of the reports merged into it: updates go to all of them."""
    ids = [report.reporter_id, *report.duplicates.values_list("reporter_id", flat=True)]
    return recipients.person(*[i for i in ids if i])


def _staff_of(report: Report) -> recipients.Recipients:
    community = community_of(report.area)
    return recipients.area_staff(community.pk if community else report.area_id)


def _event(
    report: Report,
    kind: str,
    by: User | None,
    *,
    text: str = "",
    org: Org | None = None,
    other: Report | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report, kind=kind, by=by, text=text[:500], org=org, other=other
    )
