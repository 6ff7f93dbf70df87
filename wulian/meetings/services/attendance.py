"""Who came: attendance recorded by staff and QR check-in (扫码签到)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record, snapshot
from wulian.core import checkin as checkin_kernel
from wulian.core import counters
from wulian.meetings.models import Attendance, CheckinVia, JointMeeting, MeetingStatus, Response
from wulian.meetings.selectors import invitable_orgs, is_invited
from wulian.meetings.services._common import (
    CHECKIN_SALT,
    _check_convener_role,
    _check_scheduled,
    _locked_status,
)
from wulian.orgs.models import Org


def _check_open(status: str | None) -> None:
    """Who came is recorded while the meeting is scheduled: not once it is closed or cancelled."""
    if status == MeetingStatus.CANCELLED:
        raise ValidationError({"name": _("会议已取消，不能登记参会。")})
    if status != MeetingStatus.SCHEDULED:
        raise ValidationError({"name": _("会议已闭会，不能登记参会。")})


def record_attendance(
    *,
    meeting: JointMeeting,
    by: User | None,
    name: str,
    org: Org | None = None,
    user: User | None = None,
) -> Attendance:
    """The convening org's staff record who came, for which org (as they close the meeting)."""
    require(by, "meeting.attend")
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写参会人员姓名。")})
    if org is not None and not invitable_orgs(meeting.area).filter(pk=org.pk).exists():
        raise ValidationError({"org": _("“%(o)s”不在本级会议的范围内。") % {"o": org}})
    _check_open(meeting.status)
    if meeting.starts_at > timezone.now() + dt.timedelta(hours=12):
        raise ValidationError({"name": _("会议尚未开始，不能登记参会。")})
    with transaction.atomic():
        _check_open(_locked_status(meeting))
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(
                    meeting=meeting,
                    name=name,
                    org=org,
                    user=user,
                    via=CheckinVia.MANUAL,
                    recorded_by=by,
                )
                counters.created(attendance)
        except IntegrityError:
            # The account already recorded (maybe under another name), else this name and org.
            taken = meeting.attendances.filter(user=user).first() if user is not None else None
            raise ValidationError(
                {"name": _("%(n)s已登记参会。") % {"n": taken.name if taken else name}}
            ) from None
        record(actor=by, action="meeting.attend", obj=meeting, after=snapshot(attendance))
    return attendance


def checkin_token(meeting: JointMeeting) -> str:
    return checkin_kernel.make_token(CHECKIN_SALT, meeting.pk)


def meeting_for_token(token: str) -> JointMeeting:
    """The meeting a check-in token names, if the signature holds and it has not expired."""
    meeting = (
        JointMeeting.objects.select_related("area", "convener")
        .filter(pk=checkin_kernel.token_pk(CHECKIN_SALT, token))
        .first()
    )
    if meeting is None:
        raise ValidationError({"token": _("签到二维码无效。")})
    return meeting


def checkin_preview(*, token: str, by: User) -> tuple[JointMeeting, Attendance | None, str]:
    """What a scan leads to, before anything is written: the meeting (or the same refusal as
    ``checkin``), the user's attendance if already checked in, and the delegate's name when the
    user's org answered 委派 (to prefill who came)."""
    require(by, "meeting.checkin")
    meeting = meeting_for_token(token)
    _check_scheduled(meeting, "token")
    invited = is_invited(meeting, by)
    if invited is False:
        raise ValidationError({"token": _("您不在本次会议的邀请名单中，请联系会务人员登记。")})
    existing = Attendance.objects.filter(meeting=meeting, user=by).select_related("org").first()
    delegate = ""
    if isinstance(invited, Org):
        delegate = (
            meeting.invitations.filter(org=invited, response=Response.DELEGATE)
            .values_list("delegate", flat=True)
            .first()
            or ""
        )
    return meeting, existing, delegate


def checkin(*, token: str, by: User, name: str = "") -> tuple[Attendance, bool]:
    """扫码签到: a logged-in invitee is checked in once; a second scan changes nothing. The
    attendance names the person: the account's linked person, else the name typed on the
    check-in page (never the account's label, which names a post, not who came)."""
    require(by, "meeting.checkin")
    meeting = meeting_for_token(token)
    _check_scheduled(meeting, "token")
    invited = is_invited(meeting, by)
    if invited is False:
        raise ValidationError({"token": _("您不在本次会议的邀请名单中，请联系会务人员登记。")})
    existing = Attendance.objects.filter(meeting=meeting, user=by).first()
    if existing is not None:
        return existing, False
    org = invited if isinstance(invited, Org) else None
    person, name = checkin_kernel.signer(by, name)
    with transaction.atomic():
        _check_scheduled(JointMeeting(status=_locked_status(meeting) or ""), "token")
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(
                    meeting=meeting,
                    name=name,
                    org=org,
                    user=by,
                    person=person,
                    via=CheckinVia.QR,
                    recorded_by=by,
                )
                counters.created(attendance)
        except IntegrityError:
            existing = Attendance.objects.filter(meeting=meeting, user=by).first()
            if existing is None:
                raise ValidationError({"token": _("%(n)s已登记参会。") % {"n": name}}) from None
            return existing, False
        record(actor=by, action="meeting.checkin", obj=meeting, after=snapshot(attendance))
    return attendance, True
