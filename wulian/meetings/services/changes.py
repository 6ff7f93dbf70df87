"""Rescheduling (改期) and cancelling (取消) a meeting that has not been held."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record
from wulian.core import counters
from wulian.meetings.models import (
    Attendance,
    ChangeKind,
    JointMeeting,
    MeetingChange,
    MeetingStatus,
)
from wulian.meetings.services._common import _check_convener_role, _invitees, _meeting_url, _when
from wulian.notifications.services import notify


def change_refusal(meeting: JointMeeting, *, kind: str, held: bool | None = None) -> str | None:
    """Why the meeting can no longer be rescheduled or cancelled (``kind``: a ``ChangeKind``),
    or None. A meeting is held once it is closed or anyone's attendance is recorded."""
    if held is None:
        held = meeting.attendances.exists()
    reschedule = kind == ChangeKind.RESCHEDULED
    if meeting.status == MeetingStatus.CANCELLED:
        return _("会议已取消，不能改期。") if reschedule else _("会议已取消，不能重复取消。")
    if meeting.status == MeetingStatus.CLOSED:
        return (
            _("会议已召开并闭会，不能改期。") if reschedule else _("会议已召开并闭会，不能取消。")
        )
    if held:
        return (
            _("会议已有人签到，视为已召开，不能改期。")
            if reschedule
            else _("会议已有人签到，视为已召开，不能取消。")
        )
    return None


def _lock_for_change(meeting: JointMeeting, kind: str) -> JointMeeting:
    """Inside a transaction: lock the row, read it again and refuse if it was held or cancelled
    meanwhile (check-ins lock the same row first)."""
    locked = JointMeeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = change_refusal(
        locked, kind=kind, held=Attendance.objects.filter(meeting_id=meeting.pk).exists()
    )
    if refusal:
        raise ValidationError({"meeting": refusal})
    return locked


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)  # a time without an offset is Asia/Shanghai time
    return value


def reschedule_meeting(
    *,
    meeting: JointMeeting,
    by: User | None,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    reason: str,
) -> MeetingChange:
    """改期: the convening org moves a meeting that has not been held to a new time in the future,
    with a reason. The history keeps the old and the new time; the calendar file's SEQUENCE is
    raised; invitees are notified. Check-in QR codes name the meeting, not its time: they stay valid."""
    require(by, "meeting.reschedule")
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    refusal = change_refusal(meeting, kind=ChangeKind.RESCHEDULED)
    if refusal:
        raise ValidationError({"meeting": refusal})
    starts_at, ends_at = _aware(starts_at), _aware(ends_at)
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if starts_at is None:
        errors["starts_at"] = [_("请填写新的开始时间。")]
    elif starts_at <= timezone.now():
        errors["starts_at"] = [_("新的开始时间%(t)s已过，应晚于现在。") % {"t": _when(starts_at)}]
    if ends_at is None:
        errors["ends_at"] = [_("请填写新的结束时间。")]
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = [_("结束时间应晚于开始时间。")]
    if not errors and (starts_at, ends_at) == (meeting.starts_at, meeting.ends_at):
        errors["starts_at"] = [_("新的时间与原定时间相同。")]
    if not reason:
        errors["reason"] = [_("请填写改期原因。")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock_for_change(meeting, ChangeKind.RESCHEDULED)
        change = MeetingChange.objects.create(
            meeting=locked,
            kind=ChangeKind.RESCHEDULED,
            old_starts_at=locked.starts_at,
            old_ends_at=locked.ends_at,
            new_starts_at=starts_at,
            new_ends_at=ends_at,
            reason=reason,
            by=by,
        )
        counters.update(
            JointMeeting.objects.filter(pk=locked.pk),
            starts_at=starts_at,
            ends_at=ends_at,
            sequence=F("sequence") + 1,
        )
        meeting.refresh_from_db()
        record(
            actor=by,
            action="meeting.reschedule",
            obj=meeting,
            before={
                "starts_at": locked.starts_at.isoformat(),
                "ends_at": locked.ends_at.isoformat(),
            },
            after={
                "starts_at": meeting.starts_at.isoformat(),
                "ends_at": meeting.ends_at.isoformat(),
                "reason": reason,
                "sequence": meeting.sequence,
            },
        )
        notify(
            kind="meeting.rescheduled",
            to=_invitees(meeting.invitations.all()),
            title=_("联席会议改期：%(t)s") % {"t": meeting.topic},
            body=_("原定%(old)s，改为%(new)s，%(place)s。改期原因：%(r)s")
            % {
                "old": _when(locked.starts_at),
                "new": _when(meeting.starts_at),
                "place": meeting.place,
                "r": reason,
            },
            url=_meeting_url(meeting),
        )
    return change


def cancel_meeting(*, meeting: JointMeeting, by: User | None, reason: str) -> MeetingChange:
    """取消: the convening org cancels a meeting that has not been held, with a reason. It can no
    longer be checked into, closed or given decisions; invitees are notified."""
    require(by, "meeting.cancel")
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    refusal = change_refusal(meeting, kind=ChangeKind.CANCELLED)
    if refusal:
        raise ValidationError({"meeting": refusal})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写取消原因。")})
    with transaction.atomic():
        locked = _lock_for_change(meeting, ChangeKind.CANCELLED)
        change = MeetingChange.objects.create(
            meeting=locked,
            kind=ChangeKind.CANCELLED,
            old_starts_at=locked.starts_at,
            old_ends_at=locked.ends_at,
            reason=reason,
            by=by,
        )
        counters.update(
            JointMeeting.objects.filter(pk=locked.pk),
            status=MeetingStatus.CANCELLED,
            sequence=F("sequence") + 1,
        )
        meeting.refresh_from_db()
        record(
            actor=by,
            action="meeting.cancel",
            obj=meeting,
            before={"status": MeetingStatus.SCHEDULED},
            after={"status": meeting.status, "reason": reason, "sequence": meeting.sequence},
        )
        notify(
            kind="meeting.cancelled",
            to=_invitees(meeting.invitations.all()),
            title=_("联席会议取消：%(t)s") % {"t": meeting.topic},
            body=_("原定%(when)s，%(place)s。取消原因：%(r)s")
            % {"when": _when(meeting.starts_at), "place": meeting.place, "r": reason},
            url=_meeting_url(meeting),
        )
    return change
