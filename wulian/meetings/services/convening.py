"""Convening a meeting, inviting, answering invitations and the agenda."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.cases.models import Case
from wulian.core import counters
from wulian.meetings import rules
from wulian.meetings.models import AgendaItem, Invitation, JointMeeting, MeetingStatus, Response
from wulian.meetings.selectors import conveners_for, user_org_ids
from wulian.meetings.services._common import (
    _check_scheduled,
    _invite_rows,
    _invitees,
    _locked_status,
    _meeting_url,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org


def _pick_convener(
    by: User | None, area: Area, convener: Org | None, errors: dict[str, list[str]]
) -> Org | None:
    """The convening org: the one given, else the first org of the actor's that may convene at
    this level; an org that may not convene here, or that the actor does not work for, is an error."""
    allowed = list(conveners_for(area))
    if convener is None:
        mine = [o for o in allowed if by is None or o.pk in user_org_ids(by)]
        convener = mine[0] if mine else None
    if convener is None or convener.pk not in {o.pk for o in allowed}:
        errors["convener"] = [
            _("召集单位应为%(a)s的党组织或城乡社区发展治理委员会。") % {"a": area.name}
        ]
    elif by is not None and convener.pk not in user_org_ids(by):
        errors["convener"] = [_("只有召集单位“%(o)s”的人员可以召集会议。") % {"o": convener}]
    return convener


def _check_meeting_fields(
    errors: dict[str, list[str]],
    *,
    topic: str,
    place: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    host: str,
    recorder: str,
) -> None:
    """The topic, place and times of a new meeting, and the host and recorder (stripped)."""
    if not (topic or "").strip():
        errors["topic"] = [_("请填写会议议题。")]
    if not (place or "").strip():
        errors["place"] = [_("请填写会议地点。")]
    if starts_at is None:
        errors["starts_at"] = [_("请填写开始时间。")]
    elif ends_at is None or ends_at <= starts_at:
        errors["ends_at"] = [_("结束时间应晚于开始时间。")]
    if len(host) > 50:
        errors["host"] = [_("主持人不能超过50字。")]
    if len(recorder) > 50:
        errors["recorder"] = [_("记录人不能超过50字。")]


def convene_meeting(
    *,
    by: User | None,
    area: Area,
    topic: str,
    place: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    convener: Org | None = None,
    invite_orgs: Sequence[Org] = (),
    invite_people: Sequence[Any] = (),
    agenda: Sequence[str] = (),
    host: str = "",
    recorder: str = "",
) -> JointMeeting:
    require(by, "meeting.create")
    errors: dict[str, list[str]] = {}
    if area is None:
        raise ValidationError({"area": _("请选择会议层级区域。")})
    require_area(by, area.path)
    if area.level == Level.GRID:
        errors["area"] = [_("联席会议在市、区、街道或社区召开。")]
    convener = _pick_convener(by, area, convener, errors)
    host, recorder = (host or "").strip(), (recorder or "").strip()
    _check_meeting_fields(
        errors,
        topic=topic,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        host=host,
        recorder=recorder,
    )
    if errors or convener is None:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = JointMeeting.objects.create(
            area=area,
            convener=convener,
            topic=topic.strip(),
            place=place.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            created_by=by,
            host=host,
            recorder=recorder,
        )
        counters.created(meeting)
        rows = _invite_rows(meeting, invite_orgs, invite_people)
        Invitation.objects.bulk_create(rows)
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=meeting, position=i, title=t.strip(), added_by=by)
                for i, t in enumerate((t for t in agenda if t.strip()), start=1)
            ]
        )
        record(
            actor=by,
            action="meeting.create",
            obj=meeting,
            after={
                **snapshot(meeting),
                "invite_orgs": [o.pk for o in invite_orgs],
                "invite_people": [p.pk for p in invite_people],
                "agenda": list(agenda),
            },
        )
        _notify_invited(meeting, rows)
    return meeting


def _notify_invited(meeting: JointMeeting, rows: list[Invitation]) -> None:
    when = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    notify(
        kind="meeting.invitation",
        to=_invitees(rows),
        title=_("联席会议邀请：%(t)s") % {"t": meeting.topic},
        body=_("%(when)s，%(place)s；召集单位：%(c)s")
        % {"when": when, "place": meeting.place, "c": meeting.convener},
        url=_meeting_url(meeting),
    )


def invite(
    *, meeting: JointMeeting, by: User | None, orgs: Sequence[Org] = (), people: Sequence[Any] = ()
) -> list[Invitation]:
    """Invite more orgs or people; those already invited are left as they are."""
    require(by, "meeting.update")
    require_area(by, meeting.area.path)
    _check_scheduled(meeting)
    if not orgs and not people:
        raise ValidationError({"invite_orgs": _("请选择要邀请的单位或人员。")})
    have_orgs = set(meeting.invitations.exclude(org=None).values_list("org_id", flat=True))
    have_people = set(meeting.invitations.exclude(person=None).values_list("person_id", flat=True))
    rows = _invite_rows(
        meeting,
        [o for o in orgs if o.pk not in have_orgs],
        [p for p in people if p.pk not in have_people],
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                Invitation.objects.bulk_create(rows)
        except IntegrityError:
            raise ValidationError({"invite_orgs": _("邀请已存在，请刷新后重试。")}) from None
        record(
            actor=by,
            action="meeting.invite",
            obj=meeting,
            after={
                "orgs": [r.org_id for r in rows if r.org_id],
                "people": [r.person_id for r in rows if r.person_id],
            },
        )
        _notify_invited(meeting, rows)
    return rows


def answer_invitation(
    *, invitation: Invitation, by: User | None, response: str, reason: str = "", delegate: str = ""
) -> Invitation:
    """An invited org answers: 参加, 请假 with a reason, or 委派 a named delegate. The people who
    work for the invited org answer (``rules.can_answer``), until the meeting is closed or
    cancelled; a later answer replaces an earlier one. The convening org is told."""
    require(by, "meeting.answer")
    meeting = invitation.meeting
    _check_scheduled(meeting, "response")
    rules.require_answer(by, invitation)
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
    before = {
        "response": invitation.response,
        "reason": invitation.reason,
        "delegate": invitation.delegate,
    }
    with transaction.atomic():
        if _locked_status(meeting) != MeetingStatus.SCHEDULED:
            _check_scheduled(JointMeeting.objects.get(pk=meeting.pk), "response")
        Invitation.objects.filter(pk=invitation.pk).update(
            response=response,
            reason=reason if response == Response.LEAVE else "",
            delegate=delegate if response == Response.DELEGATE else "",
            answered_by=by,
            answered_at=timezone.now(),
        )
        invitation.refresh_from_db()
        record(
            actor=by,
            action="meeting.answer",
            obj=meeting,
            before=before,
            after={
                "invitation": invitation.pk,
                "org": invitation.org_id,
                "response": invitation.response,
                "reason": invitation.reason,
                "delegate": invitation.delegate,
            },
        )
        notify(
            kind="meeting.answer",
            to=[recipients.officials_of(meeting.convener_id)],
            title=_("%(o)s答复“%(t)s”：%(a)s")
            % {"o": invitation.org, "t": meeting.topic, "a": answer_text(invitation)},
            url=_meeting_url(meeting),
        )
    return invitation


def answer_text(invitation: Invitation) -> str:
    """参加 / 请假（原因）/ 委派（姓名）/ 待答复."""
    label = invitation.get_response_display()
    if invitation.response == Response.LEAVE:
        return _("%(l)s（%(r)s）") % {"l": label, "r": invitation.reason}
    if invitation.response == Response.DELEGATE:
        return _("%(l)s（%(d)s）") % {"l": label, "d": invitation.delegate}
    return str(label)


def add_agenda_item(
    *, meeting: JointMeeting, by: User | None, title: str, note: str = "", case: Case | None = None
) -> AgendaItem:
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
                item = AgendaItem.objects.create(
                    meeting=meeting,
                    position=position,
                    title=title,
                    note=(note or "").strip(),
                    case=case,
                    added_by=by,
                )
        except IntegrityError:
            raise ValidationError({"case": _("该矛盾纠纷已在本次会议议程中。")}) from None
        record(actor=by, action="meeting.agenda_add", obj=meeting, after=snapshot(item))
    return item


# --- rescheduling and cancelling -------------------------------------------------------------
