"""Permission-aware reads of resident reports, their timeline, and what Open311 publishes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.areas.models import Area, Level
from wulian.core.text import mask_personal_numbers
from wulian.reports.models import Report, ReportEvent, Status

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.meetings.models import JointMeeting
    from wulian.people.models import Person

_RELATED = ("area", "reporter", "routed_to", "duplicate_of", "case", "agenda_item__meeting")


def visible_reports(user: User | AnonymousUser | None) -> QuerySet[Report]:
    """Reports in the user's subtrees, and the reports routed to the user's units."""
    return (
        scope_for(user)
        .filter(Report.objects.all(), area="area", org="routed_to")
        .select_related(*_RELATED)
    )


def my_reports(user: User | AnonymousUser | None) -> QuerySet[Report]:
    """The user's own reports (as their person), and nobody else's."""
    person_id = getattr(user, "person_id", None)
    if not getattr(user, "is_authenticated", False) or person_id is None:
        return Report.objects.none()
    return Report.objects.filter(reporter_id=person_id).select_related(
        "area", "duplicate_of", "routed_to"
    )


def timeline(report: Report) -> list[ReportEvent]:
    """The report's history; for a report merged into another, the original's history after the
    merge follows it (updates go to the original)."""
    events = list(report.events.select_related("org", "other", "by"))
    if report.duplicate_of is not None:
        merged_at = next((e.at for e in events if e.kind == "duplicate"), None)
        later = report.duplicate_of.events.exclude(kind="merged").select_related(
            "org", "other", "by"
        )
        if merged_at is not None:
            later = later.filter(at__gte=merged_at)
        for event in later:
            event.on_original = True
            events.append(event)
        events.sort(key=lambda e: (e.at, e.pk))
    return events


def grid_choices(person: Person | None) -> list[Area]:
    """Where a resident may place a report from the list: their community and its grids."""
    home = getattr(person, "home_area", None)
    if home is None:
        return []
    community = (
        home
        if home.level == Level.COMMUNITY
        else (home.parent if home.level == Level.GRID else None)
    )
    if community is None:
        return []
    return [community, *Area.objects.filter(parent=community, level=Level.GRID).order_by("code")]


def meetings_for(user: User | AnonymousUser | None, report: Report) -> QuerySet[JointMeeting]:
    """Scheduled joint meetings of the report's area or a level above that the user manages."""
    from wulian.meetings.models import MeetingStatus
    from wulian.meetings.selectors import managed_meetings

    return (
        managed_meetings(user)
        .filter(status=MeetingStatus.SCHEDULED, area__code__in=report.area.ancestor_codes())
        .order_by("starts_at")
    )


# ------------------------------------------------------------------------- public (Open311)


def redact(text: str) -> str:
    """A resident's words as the public may read them: mobile, ID and phone numbers and e-mail
    addresses masked however they are written (``core.text.mask_personal_numbers``)."""
    return mask_personal_numbers(text or "")


def public_reports() -> QuerySet[Report]:
    return Report.objects.select_related("area", "routed_to")


OPEN311_STATUS = {
    Status.OPEN: "open",
    Status.HANDLED: "open",
    Status.CLOSED: "closed",
    Status.DUPLICATE: "closed",
}


def status_notes(report: Report) -> str:
    if report.status == Status.DUPLICATE:
        return _("与 #%(n)d 为同一问题，已合并处理。") % {"n": report.duplicate_of_id}
    return report.get_status_display()


def todos(user: User | AnonymousUser | None) -> list[dict]:
    from django.urls import reverse

    if not has_action(user, "report.triage"):
        return []
    n = visible_reports(user).filter(status=Status.OPEN).count()
    return [
        {
            "label": _("待处理的随手拍"),
            "url": reverse("reports:list") + "?status=open",
            "count": n,
            "level": "warning",
        }
    ]
