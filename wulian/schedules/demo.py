"""Demo: 西御河街道's 一月一现场会 (last month's held and closed, this month's coming) and 青羊区's
一季一督导 of 西御河街道 (last quarter's not done: flagged missed, the district's staff told). The
job runs now; what it made for past periods is moved back to when it would have been made."""

import datetime as dt

from django.utils import timezone

from wulian.core import counters
from wulian.dispatches.models import Inspection
from wulian.meetings import services as meetings
from wulian.meetings.models import Attendance, JointMeeting
from wulian.schedules import services
from wulian.schedules.models import Occurrence, Schedule
from wulian.web.demo import QINGYANG, XIYUHE


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def load(world) -> None:
    if Schedule.objects.exists():
        return
    a, o, u = world.areas, world.orgs, world.users
    today = timezone.localdate()
    this_quarter, _end = services.period_of("inspection", today)
    last_quarter, last_quarter_end = services.period_of(
        "inspection", this_quarter - dt.timedelta(days=1)
    )
    this_month, _end = services.period_of("onsite_meeting", today)
    last_month, _end = services.period_of("onsite_meeting", this_month - dt.timedelta(days=1))

    services.create_schedule(
        by=u["xiyuhe_admin"],
        area=a[XIYUHE],
        kind="onsite_meeting",
        day=10,
        place="西御河街道西华门社区院落现场",
    )
    services.create_schedule(
        by=u["qingyang_admin"], area=a[QINGYANG], kind="inspection", day=20, target=o["xiyuhe"]
    )
    Schedule.objects.update(created_at=_at(last_quarter - dt.timedelta(days=7)))

    # Last month's on-site meeting and last quarter's inspection, made when their period began.
    for day in [last_month, last_quarter]:
        for occurrence in services.make_due(today=day):
            made = _at(occurrence.period_start, 1)
            Occurrence.objects.filter(pk=occurrence.pk).update(created_at=made)
            if occurrence.meeting_id:
                counters.update(
                    JointMeeting.objects.filter(pk=occurrence.meeting_id), created_at=made
                )
            else:
                Inspection.objects.filter(pk=occurrence.inspection_id).update(created_at=made)
    held = (
        Occurrence.objects.filter(kind="onsite_meeting", period_start=last_month)
        .select_related("meeting")
        .first()
    )
    if held is not None:
        meetings.record_attendance(meeting=held.meeting, by=u["xiyuhe_admin"], name="王书记")
        meetings.close_meeting(
            meeting=held.meeting,
            by=u["xiyuhe_admin"],
            host="西御河街道党工委书记",
            recorder="党建办干事",
            decisions=[],
            minutes=("现场查看西华门街院落自治和物业服务情况，听取社区、驻区单位和居民代表意见。"),
        )
        counters.update(
            JointMeeting.objects.filter(pk=held.meeting_id), closed_at=held.meeting.ends_at
        )
        counters.update(  # 王书记 came when the meeting began, not when the demo was loaded
            Attendance.objects.filter(meeting_id=held.meeting_id),
            checked_in_at=held.meeting.starts_at,
        )
    # This month's meeting and quarter's inspection, then last quarter's inspection flagged missed.
    services.run_schedules(today=today)
