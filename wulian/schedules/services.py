"""Every change to the 一月一现场会 / 一季一督导 schedules, and the job that keeps them.

``run_schedules(today=...)`` is idempotent: for every active schedule it makes the current
period's on-site meeting or inspection unless it exists (the database holds one per area, kind
and period), then flags each past period's meeting that was not closed, or inspection not done,
as missed and tells the level's staff — once."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.dispatches import services as dispatches
from wulian.dispatches.models import InspectionKind, InspectionStatus
from wulian.meetings import services as meetings
from wulian.meetings.models import MeetingStatus
from wulian.meetings.selectors import level_org
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org
from wulian.schedules.models import Occurrence, Schedule, ScheduleKind

log = logging.getLogger(__name__)
LEVELS = (Level.CITY, Level.DISTRICT, Level.STREET)
CHECKLIST = [
    "党建引领城乡社区发展治理工作推进情况",
    "上期督导发现问题整改情况",
    "群众反映突出问题办理情况",
]


def period_of(kind: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month (现场会) or quarter (督导) holding ``day``: its first and last dates."""
    if kind == ScheduleKind.ONSITE_MEETING:
        start = day.replace(day=1)
        months = 1
    else:
        start = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        months = 3
    year, month = divmod(start.month - 1 + months, 12)
    return start, dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)


def _clean(
    *, kind: str, area: Area | None, target: Org | None, place: str, day: int | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in ScheduleKind.values:
        errors["kind"] = [_("请选择一月一现场会或一季一督导。")]
    if area is None or area.level not in LEVELS:
        errors["area"] = [_("现场会与督导计划按街道、区（市）县或市设置。")]
    elif level_org(area) is None:
        errors["area"] = [
            _("%(a)s还没有召集单位（领导它的党组织或城乡社区发展治理委员会）。") % {"a": area.name}
        ]
    if day is None or not 1 <= day <= 28:
        errors["day"] = [_("计划日应在1到28之间。")]
    if kind == ScheduleKind.ONSITE_MEETING and not (place or "").strip():
        errors["place"] = [_("请填写现场会地点。")]
    if kind == ScheduleKind.INSPECTION:
        if target is None:
            errors["target"] = [_("请选择被督导单位。")]
        elif area is not None and (
            not target.area.path.startswith(area.path) or target.leads_id == area.pk
        ):
            errors["target"] = [_("被督导单位应在%(a)s的下级。") % {"a": area.name}]
    return errors


def create_schedule(
    *,
    by: User | None,
    area: Area | None,
    kind: str,
    place: str = "",
    day: int | None = 15,
    target: Org | None = None,
) -> Schedule:
    require(by, "schedule.manage")
    if area is not None:
        require_area(by, area.path)
    errors = _clean(kind=kind, area=area, target=target, place=place, day=day)
    org = level_org(area) if area is not None else None
    if errors or area is None or org is None or day is None:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                schedule = Schedule.objects.create(
                    area=area,
                    kind=kind,
                    org=org,
                    place=(place or "").strip(),
                    day=day,
                    target=target if kind == ScheduleKind.INSPECTION else None,
                    created_by=by,
                )
        except IntegrityError:
            raise ValidationError(
                {
                    "kind": _("%(a)s已有%(k)s计划。")
                    % {"a": area.name, "k": ScheduleKind(kind).label}
                }
            ) from None
        record(actor=by, action="schedule.create", obj=schedule, after=snapshot(schedule))
    return schedule


def update_schedule(
    *,
    by: User | None,
    schedule: Schedule,
    place: str = "",
    day: int | None = 15,
    target: Org | None = None,
    active: bool = True,
) -> Schedule:
    require(by, "schedule.manage")
    require_area(by, schedule.area.path)
    errors = _clean(kind=schedule.kind, area=schedule.area, target=target, place=place, day=day)
    if errors or day is None:
        raise ValidationError(errors)
    with transaction.atomic():
        before = snapshot(schedule)
        schedule.place, schedule.day, schedule.active = (place or "").strip(), day, active
        schedule.target = target if schedule.kind == ScheduleKind.INSPECTION else None
        schedule.save()
        record(
            actor=by,
            action="schedule.update",
            obj=schedule,
            before=before,
            after=snapshot(schedule),
        )
    return schedule


def _planned(schedule: Schedule, start: dt.date, today: dt.date) -> dt.date:
    return max(start + dt.timedelta(days=schedule.day - 1), today)


def _make(schedule: Schedule, start: dt.date, end: dt.date, today: dt.date) -> Occurrence:
    on = _planned(schedule, start, today)
    if schedule.kind == ScheduleKind.ONSITE_MEETING:
        begins = timezone.make_aware(dt.datetime.combine(on, dt.time(14, 30)))
        meeting = meetings.convene_meeting(
            by=None,
            area=schedule.area,
            convener=schedule.org,
            place=schedule.place,
            topic=_("%(a)s%(y)d年%(m)d月现场推进会（一月一现场会）")
            % {"a": schedule.area.name, "y": start.year, "m": start.month},
            starts_at=begins,
            ends_at=begins + dt.timedelta(hours=2),
        )
        return Occurrence.objects.create(
            schedule=schedule,
            area=schedule.area,
            kind=schedule.kind,
            period_start=start,
            period_end=end,
            meeting=meeting,
        )
    if schedule.target is None:  # the database refuses an inspection schedule without one
        raise ValidationError({"target": _("请选择被督导单位。")})
    inspection = dispatches.create_inspection(
        by=None,
        kind=InspectionKind.SUPERVISION,
        target=schedule.target,
        scheduled_on=on,
        inspector=schedule.org.name,
        checklist=CHECKLIST,
        by_org=schedule.org,
    )
    return Occurrence.objects.create(
        schedule=schedule,
        area=schedule.area,
        kind=schedule.kind,
        period_start=start,
        period_end=end,
        inspection=inspection,
    )


def make_due(*, today: dt.date | None = None) -> list[Occurrence]:
    """The current period's meeting or inspection of every active schedule that has none yet."""
    today = today or timezone.localdate()
    made = []
    for schedule in Schedule.objects.filter(active=True).select_related(
        "area", "org", "target__area"
    ):
        start, end = period_of(schedule.kind, today)
        if Occurrence.objects.filter(
            area=schedule.area, kind=schedule.kind, period_start=start
        ).exists():
            continue
        try:
            with transaction.atomic():
                occurrence = _make(schedule, start, end, today)
                record(
                    actor=None,
                    action="schedule.occurrence",
                    obj=occurrence,
                    after=snapshot(occurrence),
                )
        except IntegrityError:  # made at the same moment by another run
            continue
        except ValidationError as exc:
            log.warning("schedule %s: period %s not made: %s", schedule.pk, start, exc.messages)
            continue
        made.append(occurrence)
    return made


def _happened(occurrence: Occurrence) -> bool:
    if occurrence.meeting is not None:
        return occurrence.meeting.status == MeetingStatus.CLOSED
    return (
        occurrence.inspection is not None and occurrence.inspection.status == InspectionStatus.DONE
    )


def flag_missed(*, today: dt.date | None = None) -> list[Occurrence]:
    """Past periods whose meeting was not closed or inspection not done: flagged once, and the
    level's staff told."""
    today = today or timezone.localdate()
    flagged = []
    due = Occurrence.objects.filter(period_end__lt=today, missed_at__isnull=True).select_related(
        "area", "meeting", "inspection__target"
    )
    for occurrence in due:
        if _happened(occurrence):
            continue
        with transaction.atomic():
            if not Occurrence.objects.filter(pk=occurrence.pk, missed_at__isnull=True).update(
                missed_at=timezone.now()
            ):
                continue
            occurrence.refresh_from_db(fields=["missed_at"])
            record(actor=None, action="schedule.missed", obj=occurrence, after=snapshot(occurrence))
            notify(
                kind="schedule.missed",
                to=[recipients.area_staff(occurrence.area_id)],
                title=_("%(a)s%(p)s的%(k)s未落实")
                % {
                    "a": occurrence.area.name,
                    "k": occurrence.get_kind_display(),
                    "p": f"{occurrence.period_start:%Y-%m}",
                },
                url=f"/schedules/occurrences/?status=missed&area={occurrence.area.code}",
            )
        flagged.append(occurrence)
    return flagged


def run_schedules(*, today: dt.date | None = None) -> tuple[list[Occurrence], list[Occurrence]]:
    return make_due(today=today), flag_missed(today=today)
