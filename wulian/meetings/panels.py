"""What the meetings app adds to other apps' pages: on an open case's page (cases/panels.py),
the scheduled joint meetings of the case's area and above that it may be put on."""

from django.template.loader import render_to_string

from wulian.accounts.rules import has_action
from wulian.cases import panels as case_panels
from wulian.cases.models import Status
from wulian.meetings.models import MeetingStatus
from wulian.meetings.selectors import visible_meetings


@case_panels.register
def to_agenda(request, case) -> str | None:
    if case.status != Status.OPEN or not has_action(request.user, "meeting.update"):
        return None
    on = set(case.agenda_items.values_list("meeting_id", flat=True))
    meetings = [
        m
        for m in visible_meetings(request.user)
        .filter(status=MeetingStatus.SCHEDULED, area__code__in=case.area.ancestor_codes())
        .order_by("starts_at")
        if m.pk not in on
    ]
    if not meetings:
        return None
    return render_to_string(
        "meetings/case_panel.html", {"case": case, "meetings": meetings}, request=request
    )
