"""Meetings: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.core.periods import local_date
from wulian.meetings.models import (
    ActionItem,
    ActionStatus,
    Attendance,
    JointMeeting,
    MeetingStatus,
)

# A cancelled meeting counts nowhere; a rescheduled one moves to its new start's month.
register(
    JointMeeting,
    area="area",
    buckets={
        "meetings.total": lambda m: m.status != MeetingStatus.CANCELLED,
        "meetings.held": lambda m: m.status == MeetingStatus.CLOSED,
    },
    month="starts_at",
    labels={"meetings.total": _("联席会议"), "meetings.held": _("已召开")},
)
# One per person recorded or checked in (record_attendance, checkin), at the meeting's area.
# By the check-in time, the attendance's own (the meeting's start is another row's: the demo
# moves its held meeting back a month after recording who came).
register(
    Attendance,
    area="meeting__area",
    buckets={"meetings.attendances": lambda a: True},
    month="checked_in_at",
    labels={"meetings.attendances": _("联席会议参会人次")},
)


def item_facts(i) -> dict[str, int]:
    facts = {"meetings.items": 1}
    if i.status == ActionStatus.ACCEPTED:
        facts["meetings.items_closed"] = 1
        done = local_date(i.done_at)
        if done is not None and done <= i.due_on:
            facts["meetings.items_closed_on_time"] = 1
    return facts


register(
    ActionItem,
    area="decision__meeting__area",
    facts=item_facts,
    month="due_on",
    labels={
        "meetings.items": _("议定事项"),
        "meetings.items_closed": _("已验收事项"),
        "meetings.items_closed_on_time": _("按期办结事项"),
    },
)
