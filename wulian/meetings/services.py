"""Every change to joint meetings, decisions and action items (督办).

A meeting is convened at a level by that level's leading org or governance committee; closing it
records minutes and structured decisions whose action items land on their lead org's to-dos and
are followed until the convening org accepts them. Overdue items escalate one level up, once.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.cases.models import Case
from wulian.core import checkin as checkin_kernel
from wulian.core import counters, uploads
from wulian.meetings import rules
from wulian.meetings.models import (
    ActionEvent,
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    ChangeKind,
    CheckinVia,
    Decision,
    EventKind,
    Invitation,
    JointMeeting,
    MeetingChange,
    MeetingStatus,
    Response,
)
from wulian.meetings.selectors import (
    conveners_for,
    invitable_orgs,
    is_invited,
    level_org,
    user_org_ids,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org

CHECKIN_SALT = "wulian.meetings.checkin"
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _meeting_url(meeting: JointMeeting) -> str:
    return f"/meetings/{meeting.pk}/"


def _item_url(item: ActionItem) -> str:
    return f"/meetings/actions/{item.pk}/"


def _check_scheduled(meeting: JointMeeting, field: str = "meeting") -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({field: _("会议已取消，不能再修改。")})
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError({field: _("会议已闭会，不能再修改。")})


def _locked_status(meeting: JointMeeting) -> str | None:
    """Inside a transaction: lock the meeting's row and read its status, so that recording who
    came and a cancellation or reschedule at the same moment are serialised."""
    return (JointMeeting.objects.select_for_update().filter(pk=meeting.pk)
            .values_list("status", flat=True).first())


def _check_convener_role(by, meeting: JointMeeting) -> None:
    """Only people of the convening org manage the meeting's outcome."""
    if not rules.is_convener(by, meeting):
        raise ValidationError({"convener": _("只有召集单位“%(o)s”的人员可以进行此操作。") % {"o": meeting.convener}})


def _invitees(invitations: Iterable[Invitation]) -> list[recipients.Recipients]:
    """The officials of the invited orgs and the invited people themselves."""
    rows = list(invitations)
    return [recipients.officials_of(*[inv.org_id for inv in rows]),
            recipients.person(*[inv.person_id for inv in rows])]


def _invite_rows(meeting: JointMeeting, orgs: Iterable[Org], people: Iterable[Any]) -> list[Invitation]:
    allowed = set(invitable_orgs(meeting.area).values_list("pk", flat=True))
    rows: list[Invitation] = []
    for org in orgs:
        if org.pk not in allowed:
            raise ValidationError({"invite_orgs": _("“%(o)s”不在本级会议可邀请的范围内。") % {"o": org}})
        rows.append(Invitation(meeting=meeting, org=org))
    for person in people:
        rows.append(Invitation(meeting=meeting, person=person))
    return rows


# --- convening -----------------------------------------------------------------------------


def convene_meeting(*, by, area: Area, topic: str, place: str, starts_at: dt.datetime,
                    ends_at: dt.datetime, convener: Org | None = None, invite_orgs: Sequence[Org] = (),
                    invite_people: Sequence[Any] = (), agenda: Sequence[str] = (), host: str = "",
                    recorder: str = "") -> JointMeeting:
    require(by, "meeting.create")
    errors: dict[str, list[str]] = {}
    if area is None:
        raise ValidationError({"area": _("请选择会议层级区域。")})
    require_area(by, area.path)
    if area.level == Level.GRID:
        errors["area"] = [_("联席会议在市、区、街道或社区召开。")]
    allowed = list(conveners_for(area))
    if convener is None:
        mine = [o for o in allowed if by is None or o.pk in user_org_ids(by)]
        convener = mine[0] if mine else None
    if convener is None or convener.pk not in {o.pk for o in allowed}:
        errors["convener"] = [_("召集单位应为%(a)s的党组织或城乡社区发展治理委员会。") % {"a": area.name}]
    elif by is not None and convener.pk not in user_org_ids(by):
        errors["convener"] = [_("只有召集单位“%(o)s”的人员可以召集会议。") % {"o": convener}]
    if not (topic or "").strip():
        errors["topic"] = [_("请填写会议议题。")]
    if not (place or "").strip():
        errors["place"] = [_("请填写会议地点。")]
    if starts_at is None:
        errors["starts_at"] = [_("请填写开始时间。")]
    elif ends_at is None or ends_at <= starts_at:
        errors["ends_at"] = [_("结束时间应晚于开始时间。")]
    host, recorder = (host or "").strip(), (recorder or "").strip()
    if len(host) > 50:
        errors["host"] = [_("主持人不能超过50字。")]
    if len(recorder) > 50:
        errors["recorder"] = [_("记录人不能超过50字。")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = JointMeeting.objects.create(
            area=area, convener=convener, topic=topic.strip(), place=place.strip(),
            starts_at=starts_at, ends_at=ends_at, created_by=by, host=host, recorder=recorder,
        )
        counters.created(meeting)
        rows = _invite_rows(meeting, invite_orgs, invite_people)
        Invitation.objects.bulk_create(rows)
        AgendaItem.objects.bulk_create([
            AgendaItem(meeting=meeting, position=i, title=t.strip(), added_by=by)
            for i, t in enumerate((t for t in agenda if t.strip()), start=1)
        ])
        record(actor=by, action="meeting.create", obj=meeting, after={
            **snapshot(meeting), "invite_orgs": [o.pk for o in invite_orgs],
            "invite_people": [p.pk for p in invite_people], "agenda": list(agenda),
        })
        _notify_invited(meeting, rows)
    return meeting


def _notify_invited(meeting: JointMeeting, rows: list[Invitation]) -> None:
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    notify(kind="meeting.invitation", to=_invitees(rows),
           title=_("联席会议邀请：%(t)s") % {"t": meeting.topic},
           body=_("%(when)s，%(place)s；召集单位：%(c)s") % {"when": when, "place": meeting.place, "c": meeting.convener},
           url=_meeting_url(meeting))


def invite(*, meeting: JointMeeting, by, orgs: Sequence[Org] = (), people: Sequence[Any] = ()) -> list[Invitation]:
    """Invite more orgs or people; those already invited are left as they are."""
    require(by, "meeting.update")
    require_area(by, meeting.area.path)
    _check_scheduled(meeting)
    if not orgs and not people:
        raise ValidationError({"invite_orgs": _("请选择要邀请的单位或人员。")})
    have_orgs = set(meeting.invitations.exclude(org=None).values_list("org_id", flat=True))
    have_people = set(meeting.invitations.exclude(person=None).values_list("person_id", flat=True))
    rows = _invite_rows(meeting, [o for o in orgs if o.pk not in have_orgs],
                        [p for p in people if p.pk not in have_people])
    with transaction.atomic():
        try:
            with transaction.atomic():
                Invitation.objects.bulk_create(rows)
        except IntegrityError:
            raise ValidationError({"invite_orgs": _("邀请已存在，请刷新后重试。")}) from None
        record(actor=by, action="meeting.invite", obj=meeting,
               after={"orgs": [r.org_id for r in rows if r.org_id], "people": [r.person_id for r in rows if r.person_id]})
        _notify_invited(meeting, rows)
    return rows


def answer_invitation(*, invitation: Invitation, by, response: str, reason: str = "",
                      delegate: str = "") -> Invitation:
    """An invited org answers: 参加, 请假 with a reason, or 委派 a named delegate. The people who
    work for the invited org answer (``rules.can_answer``), until the meeting is closed or
    cancelled; a later answer replaces an earlier one. The convening org is told."""
    require(by, "meeting.answer")
    meeting = invitation.meeting
    _check_scheduled(meeting, "response")
    if by is not None and not rules.can_answer(by, invitation):
        raise ValidationError({"response": _("只有受邀单位“%(o)s”的人员可以答复邀请。") % {
            "o": invitation.org or invitation.person}})
    reason, delegate = (reason or "").strip(), (delegate or "").strip()
    if response not in (Response.ATTEND, Response.LEAVE, Response.DELEGATE):
        raise ValidationError({"response": _("请选择参加、请假或委派。")})
    if response == Response.LEAVE and not reason:
        raise ValidationError({"reason": _("请假请填写原因。")})
    if response == Response.DELEGATE and not delegate:
        raise ValidationError({"delegate": _("委派请填写参会人员姓名。")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("请假原因不能超过300字。")})
    if len(delegate) > 50:
        raise ValidationError({"delegate": _("委派人员姓名不能超过50字。")})
    before = {"response": invitation.response, "reason": invitation.reason, "delegate": invitation.delegate}
    with transaction.atomic():
        if _locked_status(meeting) != MeetingStatus.SCHEDULED:
            _check_scheduled(JointMeeting.objects.get(pk=meeting.pk), "response")
        Invitation.objects.filter(pk=invitation.pk).update(
            response=response, reason=reason if response == Response.LEAVE else "",
            delegate=delegate if response == Response.DELEGATE else "", answered_by=by, answered_at=timezone.now())
        invitation.refresh_from_db()
        record(actor=by, action="meeting.answer", obj=meeting, before=before, after={
            "invitation": invitation.pk, "org": invitation.org_id, "response": invitation.response,
            "reason": invitation.reason, "delegate": invitation.delegate})
        notify(kind="meeting.answer", to=[recipients.officials_of(meeting.convener_id)],
               title=_("%(o)s答复“%(t)s”：%(a)s") % {"o": invitation.org, "t": meeting.topic,
                                                 "a": answer_text(invitation)},
               url=_meeting_url(meeting))
    return invitation


def answer_text(invitation: Invitation) -> str:
    """参加 / 请假（原因）/ 委派（姓名）/ 待答复."""
    label = invitation.get_response_display()
    if invitation.response == Response.LEAVE:
        return _("%(l)s（%(r)s）") % {"l": label, "r": invitation.reason}
    if invitation.response == Response.DELEGATE:
        return _("%(l)s（%(d)s）") % {"l": label, "d": invitation.delegate}
    return str(label)


def add_agenda_item(*, meeting: JointMeeting, by, title: str, note: str = "", case: Case | None = None) -> AgendaItem:
    """Put an item (optionally a case of the meeting's area) on a scheduled meeting's agenda."""
    require(by, "meeting.update")
    require_area(by, meeting.area.path)
    _check_scheduled(meeting)
    title = (title or "").strip() or (case.title if case else "")
    if not title:
        raise ValidationError({"title": _("请填写议程。")})
    if case is not None and not case.area.path.startswith(meeting.area.path):
        raise ValidationError({"case": _("该矛盾纠纷不在本次会议的区域内。")})
    with transaction.atomic():
        position = meeting.agenda_items.count() + 1
        try:
            with transaction.atomic():
                item = AgendaItem.objects.create(meeting=meeting, position=position, title=title,
                                                 note=(note or "").strip(), case=case, added_by=by)
        except IntegrityError:
            raise ValidationError({"case": _("该矛盾纠纷已在本次会议议程中。")}) from None
        record(actor=by, action="meeting.agenda_add", obj=meeting, after=snapshot(item))
    return item


# --- rescheduling and cancelling -------------------------------------------------------------


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def change_refusal(meeting: JointMeeting, *, kind: str, held: bool | None = None) -> str | None:
    """Why the meeting can no longer be rescheduled or cancelled (``kind``: a ``ChangeKind``),
    or None. A meeting is held once it is closed or anyone's attendance is recorded."""
    if held is None:
        held = meeting.attendances.exists()
    reschedule = kind == ChangeKind.RESCHEDULED
    if meeting.status == MeetingStatus.CANCELLED:
        return _("会议已取消，不能改期。") if reschedule else _("会议已取消，不能重复取消。")
    if meeting.status == MeetingStatus.CLOSED:
        return _("会议已召开并闭会，不能改期。") if reschedule else _("会议已召开并闭会，不能取消。")
    if held:
        return _("会议已有人签到，视为已召开，不能改期。") if reschedule else _("会议已有人签到，视为已召开，不能取消。")
    return None


def _lock_for_change(meeting: JointMeeting, kind: str) -> JointMeeting:
    """Inside a transaction: lock the row, read it again and refuse if it was held or cancelled
    meanwhile (check-ins lock the same row first)."""
    locked = JointMeeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = change_refusal(locked, kind=kind, held=Attendance.objects.filter(meeting_id=meeting.pk).exists())
    if refusal:
        raise ValidationError({"meeting": refusal})
    return locked


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)  # a time without an offset is Asia/Shanghai time
    return value


def reschedule_meeting(*, meeting: JointMeeting, by, starts_at: dt.datetime | None,
                       ends_at: dt.datetime | None, reason: str) -> MeetingChange:
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
            meeting=locked, kind=ChangeKind.RESCHEDULED, old_starts_at=locked.starts_at,
            old_ends_at=locked.ends_at, new_starts_at=starts_at, new_ends_at=ends_at, reason=reason, by=by)
        counters.update(JointMeeting.objects.filter(pk=locked.pk), starts_at=starts_at, ends_at=ends_at,
                                                         sequence=F("sequence") + 1)
        meeting.refresh_from_db()
        record(actor=by, action="meeting.reschedule", obj=meeting,
               before={"starts_at": locked.starts_at.isoformat(), "ends_at": locked.ends_at.isoformat()},
               after={"starts_at": meeting.starts_at.isoformat(), "ends_at": meeting.ends_at.isoformat(),
                      "reason": reason, "sequence": meeting.sequence})
        notify(kind="meeting.rescheduled", to=_invitees(meeting.invitations.all()),
               title=_("联席会议改期：%(t)s") % {"t": meeting.topic},
               body=_("原定%(old)s，改为%(new)s，%(place)s。改期原因：%(r)s") % {
                   "old": _when(locked.starts_at), "new": _when(meeting.starts_at), "place": meeting.place,
                   "r": reason},
               url=_meeting_url(meeting))
    return change


def cancel_meeting(*, meeting: JointMeeting, by, reason: str) -> MeetingChange:
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
            meeting=locked, kind=ChangeKind.CANCELLED, old_starts_at=locked.starts_at,
            old_ends_at=locked.ends_at, reason=reason, by=by)
        counters.update(JointMeeting.objects.filter(pk=locked.pk), status=MeetingStatus.CANCELLED,
                                                         sequence=F("sequence") + 1)
        meeting.refresh_from_db()
        record(actor=by, action="meeting.cancel", obj=meeting, before={"status": MeetingStatus.SCHEDULED},
               after={"status": meeting.status, "reason": reason, "sequence": meeting.sequence})
        notify(kind="meeting.cancelled", to=_invitees(meeting.invitations.all()),
               title=_("联席会议取消：%(t)s") % {"t": meeting.topic},
               body=_("原定%(when)s，%(place)s。取消原因：%(r)s") % {
                   "when": _when(meeting.starts_at), "place": meeting.place, "r": reason},
               url=_meeting_url(meeting))
    return change


# --- attendance ----------------------------------------------------------------------------


def record_attendance(*, meeting: JointMeeting, by, name: str, org: Org | None = None, user=None) -> Attendance:
    """Staff record who came, for which org."""
    require(by, "meeting.attend")
    require_area(by, meeting.area.path)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写参会人员姓名。")})
    if org is not None and not invitable_orgs(meeting.area).filter(pk=org.pk).exists():
        raise ValidationError({"org": _("“%(o)s”不在本级会议的范围内。") % {"o": org}})
    if meeting.is_cancelled:
        raise ValidationError({"name": _("会议已取消，不能登记参会。")})
    if meeting.starts_at > timezone.now() + dt.timedelta(hours=12):
        raise ValidationError({"name": _("会议尚未开始，不能登记参会。")})
    with transaction.atomic():
        if _locked_status(meeting) == MeetingStatus.CANCELLED:
            raise ValidationError({"name": _("会议已取消，不能登记参会。")})
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(meeting=meeting, name=name, org=org, user=user,
                                                       via=CheckinVia.MANUAL, recorded_by=by)
                counters.created(attendance)
        except IntegrityError:
            raise ValidationError({"name": _("%(n)s已登记参会。") % {"n": name}}) from None
        record(actor=by, action="meeting.attend", obj=meeting, after=snapshot(attendance))
    return attendance


def checkin_token(meeting: JointMeeting) -> str:
    return checkin_kernel.make_token(CHECKIN_SALT, meeting.pk)


def meeting_for_token(token: str) -> JointMeeting:
    """The meeting a check-in token names, if the signature holds and it has not expired."""
    meeting = JointMeeting.objects.select_related("area", "convener").filter(
        pk=checkin_kernel.token_pk(CHECKIN_SALT, token)).first()
    if meeting is None:
        raise ValidationError({"token": _("签到二维码无效。")})
    return meeting


def checkin_preview(*, token: str, by) -> tuple[JointMeeting, Attendance | None, str]:
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
        delegate = meeting.invitations.filter(org=invited, response=Response.DELEGATE).values_list(
            "delegate", flat=True).first() or ""
    return meeting, existing, delegate


def checkin(*, token: str, by, name: str = "") -> tuple[Attendance, bool]:
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
        _check_scheduled(JointMeeting(status=_locked_status(meeting)), "token")
        try:
            with transaction.atomic():
                attendance = Attendance.objects.create(meeting=meeting, name=name, org=org, user=by,
                                                       person=person, via=CheckinVia.QR, recorded_by=by)
                counters.created(attendance)
        except IntegrityError:
            existing = Attendance.objects.filter(meeting=meeting, user=by).first()
            if existing is None:
                raise ValidationError({"token": _("%(n)s已登记参会。") % {"n": name}}) from None
            return existing, False
        record(actor=by, action="meeting.checkin", obj=meeting, after=snapshot(attendance))
    return attendance, True


# --- closing: minutes, decisions, action items --------------------------------------------------


def _clean_action(meeting: JointMeeting, data: dict, label: str, today: dt.date,
                  allowed_orgs: set[int]) -> tuple[dict, list[str]]:
    errs: list[str] = []
    lead = data.get("lead_org")
    co = list(data.get("co_orgs") or [])
    responsible = (data.get("responsible") or "").strip()
    due_on = data.get("due_on")
    criteria = (data.get("done_criteria") or "").strip()
    if lead is None:
        errs.append(_("%(l)s：请选择牵头单位（责任主体）。") % {"l": label})
    elif lead.pk not in allowed_orgs:
        errs.append(_("%(l)s：牵头单位“%(o)s”不在本级会议的范围内。") % {"l": label, "o": lead})
    if not responsible:
        errs.append(_("%(l)s：请填写责任人。") % {"l": label})
    if due_on is None:
        errs.append(_("%(l)s：请填写完成时限。") % {"l": label})
    elif due_on < today:
        errs.append(_("%(l)s：完成时限%(d)s已过，不能早于今天。") % {"l": label, "d": due_on.isoformat()})
    if not criteria:
        errs.append(_("%(l)s：请填写完成标准。") % {"l": label})
    for org in co:
        if org.pk not in allowed_orgs:
            errs.append(_("%(l)s：配合单位“%(o)s”不在本级会议的范围内。") % {"l": label, "o": org})
    if lead is not None and any(o.pk == lead.pk for o in co):
        errs.append(_("%(l)s：牵头单位不能同时是配合单位。") % {"l": label})
    clean = {"lead_org": lead, "co_orgs": co, "responsible": responsible, "due_on": due_on,
             "done_criteria": criteria, "title": (data.get("title") or "").strip()}
    return clean, errs


def _create_action(decision: Decision, clean: dict, by) -> ActionItem:
    item = ActionItem.objects.create(
        decision=decision, title=(clean["title"] or decision.text)[:200], lead_org=clean["lead_org"],
        responsible=clean["responsible"], due_on=clean["due_on"], done_criteria=clean["done_criteria"],
    )
    counters.created(item)
    if clean["co_orgs"]:
        item.co_orgs.set(clean["co_orgs"])
    ActionEvent.objects.create(item=item, kind=EventKind.CREATED, by=by, by_org=decision.meeting.convener,
                               text=_("%(c)s下达督办：%(t)s，牵头单位%(o)s，责任人%(r)s，%(d)s前完成。") % {
                                   "c": decision.meeting.convener, "t": item.title, "o": item.lead_org,
                                   "r": item.responsible, "d": item.due_on.isoformat()})
    orgs = [item.lead_org_id] + [o.pk for o in clean["co_orgs"]]
    notify(kind="action_item.new", to=[recipients.officials_of(*orgs)], title=_("新的督办事项：%(t)s") % {"t": item.title},
           body=_("牵头单位：%(o)s；完成时限：%(d)s") % {"o": item.lead_org, "d": item.due_on.isoformat()},
           url=_item_url(item))
    return item


def close_refusal(meeting: JointMeeting) -> str | None:
    """Why a scheduled meeting cannot be closed yet: it has not started."""
    if meeting.starts_at > timezone.now():
        return _("会议尚未开始（%(t)s开始），开始后才能闭会。") % {"t": _when(meeting.starts_at)}
    return None


def close_meeting(*, meeting: JointMeeting, by, minutes: str, decisions: Sequence[dict], host: str = "",
                  recorder: str = "") -> JointMeeting:
    """Record minutes, the host (主持人) and recorder (记录人) — either may have been named when
    the meeting was convened — and structured decisions (any number); each decision is
    ``{"text": str, "agenda_item": AgendaItem | None, "action_items": [{"lead_org": Org,
    "co_orgs": [Org], "responsible": str, "due_on": date, "done_criteria": str, "title": str}]}``.
    Any invalid action item refuses the whole close: nothing is written."""
    require(by, "meeting.close")
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    _check_scheduled(meeting)
    refusal = close_refusal(meeting)
    if refusal:
        raise ValidationError({"meeting": refusal})
    errors: dict[str, list[str]] = {}
    if not (minutes or "").strip():
        errors["minutes"] = [_("请填写会议纪要。")]
    host = (host or "").strip() or meeting.host
    recorder = (recorder or "").strip() or meeting.recorder
    if not host:
        errors["host"] = [_("请填写主持人。")]
    elif len(host) > 50:
        errors["host"] = [_("主持人不能超过50字。")]
    if not recorder:
        errors["recorder"] = [_("请填写记录人。")]
    elif len(recorder) > 50:
        errors["recorder"] = [_("记录人不能超过50字。")]
    today = timezone.localdate()
    allowed_orgs = set(invitable_orgs(meeting.area).values_list("pk", flat=True))
    cleaned: list[tuple[str, AgendaItem | None, list[dict]]] = []
    messages: list[str] = []
    for i, dec in enumerate(decisions, start=1):
        text = (dec.get("text") or "").strip()
        actions = list(dec.get("action_items") or [])
        if not text:
            messages.append(_("第%(i)d项议定事项：请填写内容。") % {"i": i})
        agenda_item = dec.get("agenda_item")
        if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
            messages.append(_("第%(i)d项议定事项：对应议程不属于本次会议。") % {"i": i})
        clean_actions = []
        for j, act in enumerate(actions, start=1):
            label = _("第%(i)d项议定事项的第%(j)d项督办") % {"i": i, "j": j}
            clean, errs = _clean_action(meeting, act, label, today, allowed_orgs)
            messages.extend(errs)
            clean_actions.append(clean)
        cleaned.append((text, agenda_item, clean_actions))
    if messages:
        errors["decisions"] = messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(JointMeeting.objects.filter(pk=meeting.pk, status=MeetingStatus.SCHEDULED,
                                              starts_at__lte=now), status=MeetingStatus.CLOSED, minutes=minutes.strip(), closed_at=now, closed_by=by, host=host,
            recorder=recorder,
        )
        if not updated:  # closed, cancelled or moved to a later time meanwhile
            current = JointMeeting.objects.get(pk=meeting.pk)
            _check_scheduled(current)
            raise ValidationError({"meeting": close_refusal(current) or _("会议状态已变化，请刷新后重试。")})
        items: list[ActionItem] = []
        for position, (text, agenda_item, actions) in enumerate(cleaned, start=1):
            decision = Decision.objects.create(meeting=meeting, position=position, text=text,
                                               agenda_item=agenda_item)
            decision.meeting = meeting
            items.extend(_create_action(decision, clean, by) for clean in actions)
        meeting.refresh_from_db()
        record(actor=by, action="meeting.close", obj=meeting, after={
            "minutes": meeting.minutes, "host": meeting.host, "recorder": meeting.recorder, "decisions": [c[0] for c in cleaned],
            "action_items": [snapshot(i) for i in items],
        })
    return meeting


def add_action_item(*, decision: Decision, by, lead_org: Org | None, responsible: str,
                    due_on: dt.date | None, done_criteria: str, co_orgs: Sequence[Org] = (),
                    title: str = "") -> ActionItem:
    """Add one more action item to a decision of a closed meeting (by the convening org)."""
    require(by, "action_item.create")
    meeting = decision.meeting
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    allowed = set(invitable_orgs(meeting.area).values_list("pk", flat=True))
    clean, errs = _clean_action(meeting, {
        "lead_org": lead_org, "co_orgs": co_orgs, "responsible": responsible, "due_on": due_on,
        "done_criteria": done_criteria, "title": title,
    }, _("督办事项"), timezone.localdate(), allowed)
    if errs:
        raise ValidationError({"decisions": errs})
    with transaction.atomic():
        item = _create_action(decision, clean, by)
        record(actor=by, action="action_item.create", obj=item, after=snapshot(item))
    return item


# --- follow-through -------------------------------------------------------------------------


def _acting_org(by, item: ActionItem, *, lead_only: bool) -> Org | None:
    """The org the actor reports for (``rules.acting_org``), or a clear refusal."""
    org = rules.acting_org(by, item, lead_only=lead_only)
    if org is not None:
        return org
    if lead_only:
        raise ValidationError({"item": _("只有牵头单位“%(o)s”可以报结。") % {"o": item.lead_org}})
    raise ValidationError({"item": _("只有牵头单位或配合单位可以报告进展。")})


def _check_evidence(evidence):
    """The evidence file under the upload policy (``core.uploads.EVIDENCE``, at most 10 MB)."""
    return uploads.clean_upload(evidence, uploads.EVIDENCE, field="evidence", max_bytes=EVIDENCE_MAX_BYTES)


def report_progress(*, item: ActionItem, by, text: str, evidence=None) -> ActionEvent:
    """A progress report with evidence (text and an optional file)."""
    require(by, "action_item.report")
    org = _acting_org(by, item, lead_only=False)
    if not (text or "").strip():
        raise ValidationError({"text": _("请填写进展情况。")})
    if item.status == ActionStatus.ACCEPTED:
        raise ValidationError({"item": _("该督办事项已验收，不能再报告进展。")})
    evidence = _check_evidence(evidence)
    with transaction.atomic():
        event = ActionEvent(item=item, kind=EventKind.PROGRESS, text=text.strip(), by=by, by_org=org)
        if evidence is not None:
            event.evidence.save(evidence.name, evidence, save=False)
        event.save()
        record(actor=by, action="action_item.report", obj=item, after={
            "event": event.pk, "text": event.text, "by_org": org.pk if org else None,
            "evidence": event.evidence.name or ""})
    return event


def mark_done(*, item: ActionItem, by, text: str, evidence=None) -> ActionItem:
    """The lead org reports the item done; the convening org then checks it."""
    require(by, "action_item.report")
    org = _acting_org(by, item, lead_only=True)
    if not (text or "").strip():
        raise ValidationError({"text": _("请填写办结情况。")})
    evidence = _check_evidence(evidence)
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(ActionItem.objects.filter(pk=item.pk, status=ActionStatus.OPEN), status=ActionStatus.DONE, done_at=now)
        if not updated:
            raise ValidationError({"item": _("该督办事项不在办理中，不能报结。")})
        event = ActionEvent(item=item, kind=EventKind.DONE, text=text.strip(), by=by, by_org=org)
        if evidence is not None:
            event.evidence.save(evidence.name, evidence, save=False)
        event.save()
        item.refresh_from_db()
        record(actor=by, action="action_item.done", obj=item, before={"status": ActionStatus.OPEN},
               after={"status": item.status, "text": event.text})
        convener = item.decision.meeting.convener
        notify(kind="action_item.done", to=[recipients.officials_of(convener.pk)],
               title=_("督办事项已报结待验收：%(t)s") % {"t": item.title}, url=_item_url(item))
    return item


def accept_item(*, item: ActionItem, by, note: str = "") -> ActionItem:
    """The convening org checks and accepts an item reported done."""
    require(by, "action_item.accept")
    meeting = item.decision.meeting
    _check_convener_role(by, meeting)
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(ActionItem.objects.filter(pk=item.pk, status=ActionStatus.DONE), status=ActionStatus.ACCEPTED, accepted_at=now, accepted_by=by)
        if not updated:
            raise ValidationError({"item": _("只有已报结的督办事项可以验收。")})
        ActionEvent.objects.create(item=item, kind=EventKind.ACCEPTED, text=(note or "").strip(), by=by,
                                   by_org=meeting.convener)
        item.refresh_from_db()
        record(actor=by, action="action_item.accept", obj=item, before={"status": ActionStatus.DONE},
               after={"status": item.status, "note": note})
        notify(kind="action_item.accepted", to=[recipients.officials_of(item.lead_org_id)],
               title=_("督办事项已验收：%(t)s") % {"t": item.title}, url=_item_url(item))
    return item


def return_item(*, item: ActionItem, by, reason: str) -> ActionItem:
    """The convening org sends an item reported done back, with a reason."""
    require(by, "action_item.accept")
    meeting = item.decision.meeting
    _check_convener_role(by, meeting)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写退回原因。")})
    with transaction.atomic():
        updated = counters.update(ActionItem.objects.filter(pk=item.pk, status=ActionStatus.DONE), status=ActionStatus.OPEN, done_at=None)
        if not updated:
            raise ValidationError({"item": _("只有已报结的督办事项可以退回。")})
        ActionEvent.objects.create(item=item, kind=EventKind.RETURNED, text=reason.strip(), by=by,
                                   by_org=meeting.convener)
        item.refresh_from_db()
        record(actor=by, action="action_item.return", obj=item, before={"status": ActionStatus.DONE},
               after={"status": item.status, "reason": reason})
        notify(kind="action_item.returned", to=[recipients.officials_of(item.lead_org_id)],
               title=_("督办事项被退回：%(t)s") % {"t": item.title}, body=reason.strip(), url=_item_url(item))
    return item


def grace_days() -> int:
    return int(getattr(settings, "WULIAN_ACTION_ITEM_GRACE_DAYS", 3))


def escalation_period_days() -> int:
    """How many further overdue days take an item one more level up (default: the grace period,
    at least one day)."""
    return max(1, int(getattr(settings, "WULIAN_ACTION_ITEM_ESCALATION_DAYS", grace_days())))


def levels_due(overdue_days: int) -> int:
    """How many levels up an item this many days overdue should have reached: the first once the
    grace period is over, one more per further period (grace 3, period 3: after 4, 7, 10 days)."""
    if overdue_days <= grace_days():
        return 0
    return 1 + (overdue_days - grace_days() - 1) // escalation_period_days()


def escalation_path(meeting: JointMeeting) -> list[tuple[Area, Org]]:
    """The levels above the meeting's area, nearest first, each with the org that answers for it
    (its leading org, else its governance committee); a level without one is passed over."""
    path: list[tuple[Area, Org]] = []
    for area in reversed(meeting.area.ancestors()):
        org = level_org(area)
        if org is not None:
            path.append((area, org))
    return path


def escalate_overdue(*, by=None, today: dt.date | None = None) -> list[int]:
    """Escalate every open item overdue past the grace period one level up per further overdue
    period, up to the city: each level once (a conditional UPDATE on the number of levels reached
    and a unique event per item and level). A job that did not run for a while catches up, one
    event per level. Returns the ids of the items escalated in this run."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=grace_days())
    candidates = (ActionItem.objects.filter(status=ActionStatus.OPEN, due_on__lt=cutoff)
                  .exclude(decision__meeting__area__parent=None)  # a city meeting has nowhere to go
                  .exclude(escalated_to__area__parent=None, escalation_level__gt=0)  # reached the city
                  .select_related("decision__meeting__area", "decision__meeting__convener", "lead_org"))
    done: list[int] = []
    for item in candidates:
        due = levels_due((today - item.due_on).days)
        if item.escalation_level >= due:
            continue
        path = escalation_path(item.decision.meeting)
        while item.escalation_level < min(due, len(path)):
            if not escalate_item(item=item, by=by, today=today, path=path):
                break
            if item.pk not in done:
                done.append(item.pk)
    return done


def escalate_item(*, item: ActionItem, by=None, today: dt.date | None = None,
                  path: list[tuple[Area, Org]] | None = None) -> bool:
    """Take an open item one level further up (the next level of ``escalation_path``), once:
    False when it is no longer open, another run took it there first, or there is no level left.
    The owner (lead org), the convener and every level reached so far are told."""
    today = today or timezone.localdate()
    meeting = item.decision.meeting
    path = path if path is not None else escalation_path(meeting)
    reached = item.escalation_level
    if reached >= len(path):
        return False
    area, target = path[reached]
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(ActionItem.objects.filter(pk=item.pk, status=ActionStatus.OPEN, escalation_level=reached), escalation_level=reached + 1, escalated_at=now, escalated_to=target)
        if not updated:
            return False
        item.escalation_level, item.escalated_at, item.escalated_to = reached + 1, now, target
        days = (today - item.due_on).days
        text = _("逾期%(d)d天未办结（完成时限%(due)s，宽限%(g)d天），升级至%(t)s督办（第%(n)d级）。") % {
            "d": days, "due": item.due_on.isoformat(), "g": grace_days(), "t": target, "n": reached + 1}
        ActionEvent.objects.create(item=item, kind=EventKind.ESCALATED, text=text, by=by, by_org=target, to_area=area)
        previous = path[reached - 1][1].pk if reached else None
        record(actor=by, action="action_item.escalate", obj=item, before={"escalated_to": previous},
               after={"escalated_to": target.pk, "level": area.level, "overdue_days": days})
        reached_orgs = [org.pk for _area, org in path[: reached + 1]]
        notify(kind="action_item.escalated",
               to=[recipients.officials_of(item.lead_org_id, meeting.convener_id, *reached_orgs)],
               title=_("督办事项逾期升级：%(t)s") % {"t": item.title},
               body=text, url=_item_url(item))
    return True


# --- forwarding ----------------------------------------------------------------------------


def forward_decision(*, decision: Decision, to_meeting: JointMeeting, by, note: str = "") -> AgendaItem:
    """Put a decision on the agenda of a meeting of the level directly above or below."""
    require(by, "decision.forward")
    source = decision.meeting
    require_area(by, source.area.path)
    if to_meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError({"to_meeting": _("只能转到尚未召开的会议。")})
    up = source.area.parent_id == to_meeting.area_id
    down = to_meeting.area.parent_id == source.area_id
    if not (up or down):
        raise ValidationError({"to_meeting": _("只能转到上一级或下一级的联席会议。")})
    if down:
        require_area(by, to_meeting.area.path)
    with transaction.atomic():
        position = to_meeting.agenda_items.count() + 1
        title = _("%(a)s转来：%(t)s") % {"a": source.convener, "t": decision.text[:150]}
        try:
            with transaction.atomic():
                item = AgendaItem.objects.create(meeting=to_meeting, position=position, title=title[:200],
                                                 note=(note or "").strip(), source_decision=decision,
                                                 added_by=by)
        except IntegrityError:
            raise ValidationError({"to_meeting": _("该议定事项已转入这次会议。")}) from None
        record(actor=by, action="decision.forward", obj=decision,
               after={"to_meeting": to_meeting.pk, "agenda_item": item.pk, "direction": "up" if up else "down"})
        notify(kind="decision.forwarded", to=[recipients.officials_of(to_meeting.convener_id)],
               title=_("转来议定事项：%(t)s") % {"t": decision.text[:60]}, url=_meeting_url(to_meeting))
    return item

