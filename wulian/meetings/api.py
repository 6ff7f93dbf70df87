"""Joint meetings, decisions and action items over the API: the same selectors and services."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area, visible_areas
from wulian.cases.selectors import visible_cases
from wulian.core.bounds import Date, DateTime, Id, Pagination
from wulian.meetings import selectors, services
from wulian.meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    JointMeeting,
    MeetingStatus,
    Response,
)
from wulian.orgs.models import Org
from wulian.people.models import Person
from wulian.web.api_helpers import require

router = Router(tags=["meetings 联席会议与督办"])


def _orgs(ids: list[int], field: str) -> list[Org]:
    found = {o.pk: o for o in Org.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({field: _("组织 %(ids)s 不存在。") % {"ids": ", ".join(map(str, missing))}})
    return [found[i] for i in ids]


def _org(pk: int | None, field: str) -> Org | None:
    return _orgs([pk], field)[0] if pk is not None else None


# --- schemas ---------------------------------------------------------------------------------


class MeetingData(Schema):
    id: int
    area: str
    area_name: str
    convener: int
    convener_name: str
    topic: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: MeetingStatus
    minutes: str


class MeetingOut(MeetingData):

    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name

    @staticmethod
    def resolve_convener(obj):
        return obj.convener_id

    @staticmethod
    def resolve_convener_name(obj):
        return obj.convener.name


class InvitationOut(Schema):
    id: int
    org: int | None = None
    person: int | None = None
    name: str
    response: Response
    reason: str
    delegate: str
    answered_at: dt.datetime | None


class AttendanceOut(Schema):
    id: int
    name: str
    org: int | None
    via: str
    checked_in_at: dt.datetime


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    note: str
    case: int | None
    source_decision: int | None
    source_meeting: int | None


class ActionItemData(Schema):
    id: int
    decision: int
    meeting: int
    title: str
    lead_org: int
    lead_org_name: str
    co_orgs: list[int]
    responsible: str
    due_on: dt.date
    done_criteria: str
    status: ActionStatus
    colour: str
    escalated_at: dt.datetime | None
    escalated_to: int | None
    escalation_level: int


class ActionItemOut(ActionItemData):

    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id

    @staticmethod
    def resolve_meeting(obj):
        return obj.decision.meeting_id

    @staticmethod
    def resolve_lead_org(obj):
        return obj.lead_org_id

    @staticmethod
    def resolve_lead_org_name(obj):
        return obj.lead_org.name

    @staticmethod
    def resolve_co_orgs(obj):
        return [o.pk for o in obj.co_orgs.all()]

    @staticmethod
    def resolve_colour(obj, context):
        """One working-day calendar per request (one query), whatever the page size."""
        if getattr(obj, "colour", None):
            return obj.colour
        request = context["request"]
        if not hasattr(request, "_wulian_calendar"):
            request._wulian_today = timezone.localdate()
            request._wulian_calendar = selectors.work_calendar(request._wulian_today)
        return selectors.colour(obj, request._wulian_today, request._wulian_calendar)

    @staticmethod
    def resolve_escalated_to(obj):
        return obj.escalated_to_id


class ForwardOut(Schema):
    meeting: int
    agenda_item: int


class DecisionOut(Schema):
    id: int
    position: int
    text: str
    agenda_item: int | None
    action_items: list[ActionItemOut]
    forwarded_to: list[ForwardOut]


class ChangeOut(Schema):
    id: int
    kind: str
    old_starts_at: dt.datetime
    old_ends_at: dt.datetime
    new_starts_at: dt.datetime | None
    new_ends_at: dt.datetime | None
    reason: str
    by: int | None
    at: dt.datetime


class MeetingDetailOut(MeetingData):
    host: str
    recorder: str
    sequence: int
    changes: list[ChangeOut]
    invitations: list[InvitationOut]
    attendances: list[AttendanceOut]
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]


class EventOut(Schema):
    id: int
    kind: str
    text: str
    by_org: int | None
    at: dt.datetime
    has_evidence: bool


class ActionItemDetailOut(ActionItemData):
    events: list[EventOut]


class MeetingIn(Schema):
    area: str
    topic: str
    place: str
    starts_at: DateTime
    ends_at: DateTime
    host: str = ""
    recorder: str = ""
    convener: Id | None = None
    invite_orgs: list[Id] = []
    invite_people: list[Id] = []
    agenda: list[str] = []


class RescheduleIn(Schema):
    starts_at: DateTime | None = None
    ends_at: DateTime | None = None
    reason: str = ""


class CancelIn(Schema):
    reason: str = ""


class InviteIn(Schema):
    orgs: list[Id] = []
    people: list[Id] = []


class AgendaIn(Schema):
    title: str = ""
    note: str = ""
    case: Id | None = None


class AnswerIn(Schema):
    response: Response
    reason: str = ""
    delegate: str = ""
    invitation: Id | None = None  # needed only when the user works for several invited orgs


class AttendanceIn(Schema):
    name: str
    org: Id | None = None


class CheckinIn(Schema):
    token: str
    name: str = ""  # who came, for an account without a linked person


class ActionIn(Schema):
    title: str = ""
    lead_org: Id | None = None
    co_orgs: list[Id] = []
    responsible: str = ""
    due_on: Date | None = None
    done_criteria: str = ""


class MeetingDecisionIn(Schema):
    text: str
    agenda_item: Id | None = None
    action_items: list[ActionIn] = []


class CloseIn(Schema):
    minutes: str
    host: str = ""
    recorder: str = ""
    decisions: list[MeetingDecisionIn] = []


class ForwardIn(Schema):
    to_meeting: Id
    note: str = ""


class TextIn(Schema):
    text: str


class NoteIn(Schema):
    note: str = ""


class MeetingReasonIn(Schema):
    reason: str


# --- helpers -----------------------------------------------------------------------------


def _detail(meeting: JointMeeting) -> dict:
    data = selectors.meeting_detail(meeting)
    return {
        "id": meeting.pk, "area": meeting.area.code, "area_name": meeting.area.name,
        "convener": meeting.convener_id, "convener_name": meeting.convener.name, "topic": meeting.topic,
        "place": meeting.place, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
        "status": meeting.status, "minutes": meeting.minutes, "sequence": meeting.sequence,
        "host": meeting.host, "recorder": meeting.recorder,
        "changes": [{"id": c.pk, "kind": c.kind, "old_starts_at": c.old_starts_at, "old_ends_at": c.old_ends_at,
                     "new_starts_at": c.new_starts_at, "new_ends_at": c.new_ends_at, "reason": c.reason,
                     "by": c.by_id, "at": c.at} for c in data["changes"]],
        "invitations": [{"id": i.pk, "org": i.org_id, "person": i.person_id, "name": str(i.org or i.person),
                         "response": i.response, "reason": i.reason, "delegate": i.delegate,
                         "answered_at": i.answered_at} for i in data["invitations"]],
        "attendances": [{"id": a.pk, "name": a.name, "org": a.org_id, "via": a.via,
                         "checked_in_at": a.checked_in_at} for a in data["attendances"]],
        "agenda": [{"id": a.pk, "position": a.position, "title": a.title, "note": a.note, "case": a.case_id,
                    "source_decision": a.source_decision_id,
                    "source_meeting": a.source_decision.meeting_id if a.source_decision_id else None}
                   for a in data["agenda"]],
        "decisions": [{"id": d.pk, "position": d.position, "text": d.text, "agenda_item": d.agenda_item_id,
                       "action_items": list(d.action_items.all()),
                       "forwarded_to": [{"meeting": f.meeting_id, "agenda_item": f.pk} for f in d.forwarded_as.all()]}
                      for d in data["decisions"]],
    }


def _meeting(request, pk: Id) -> JointMeeting:
    return get_in_scope_or_404(selectors.visible_meetings(request.user), pk=pk)


def _managed(request, pk: Id) -> JointMeeting:
    """A meeting the user's level manages (held in the user's subtrees); an invitee gets 404."""
    return get_in_scope_or_404(selectors.managed_meetings(request.user), pk=pk)


def _decision(request, pk: Id) -> Decision:
    decision = Decision.objects.select_related("meeting__area", "meeting__convener").filter(pk=pk).first()
    if decision is None:
        from django.http import Http404

        raise Http404
    _managed(request, decision.meeting_id)
    return decision


def _item(request, pk: Id) -> ActionItem:
    return get_in_scope_or_404(selectors.visible_action_items(request.user), pk=pk)


def _item_detail(item: ActionItem) -> dict:
    data = {"id": item.pk, "decision": item.decision_id, "meeting": item.decision.meeting_id,
            "title": item.title, "lead_org": item.lead_org_id, "lead_org_name": item.lead_org.name,
            "co_orgs": [o.pk for o in item.co_orgs.all()], "responsible": item.responsible,
            "due_on": item.due_on, "done_criteria": item.done_criteria, "status": item.status,
            "colour": selectors.colour(item), "escalated_at": item.escalated_at,
            "escalated_to": item.escalated_to_id, "escalation_level": item.escalation_level}
    data["events"] = [{"id": e.pk, "kind": e.kind, "text": e.text, "by_org": e.by_org_id, "at": e.at,
                       "has_evidence": bool(e.evidence)} for e in item.events.all()]
    return data


def _action(data: ActionIn) -> dict:
    return {"title": data.title, "lead_org": _org(data.lead_org, "lead_org"),
            "co_orgs": _orgs(data.co_orgs, "co_orgs"), "responsible": data.responsible,
            "due_on": data.due_on, "done_criteria": data.done_criteria}


# --- meetings ----------------------------------------------------------------------------


@router.get("/", response=list[MeetingOut], url_name="meeting_list", summary="联席会议列表")
@paginate(Pagination)
def meeting_list(request, q: str = "", status: MeetingStatus | None = None, area: str | None = None):
    require(request, "meeting.view")
    return selectors.visible_meetings(request.user).search(q=q.strip(), status=status or "",
                                                           area=search_area(request.user, area))


@router.post("/", response={201: MeetingDetailOut}, url_name="meeting_create", summary="发起联席会议")
def meeting_create(request, payload: MeetingIn):
    require(request, "meeting.create")
    area = visible_areas(request.user).filter(code=payload.area.strip()).first()
    if area is None:
        raise ValidationError({"area": _("区划代码“%(c)s”不存在或不在您的管辖范围内。") % {"c": payload.area}})
    people = list(Person.objects.filter(pk__in=payload.invite_people, home_area__path__startswith=area.path))
    if len(people) != len(set(payload.invite_people)):
        raise ValidationError({"invite_people": _("受邀人员不存在或不在本区域。")})
    meeting = services.convene_meeting(
        by=request.user, area=area, topic=payload.topic, place=payload.place, starts_at=payload.starts_at,
        ends_at=payload.ends_at, convener=_org(payload.convener, "convener"),
        invite_orgs=_orgs(payload.invite_orgs, "invite_orgs"), invite_people=people, agenda=payload.agenda,
        host=payload.host, recorder=payload.recorder,
    )
    return Status(201, _detail(meeting))


@router.get("/{int:pk}/", response=MeetingDetailOut, url_name="meeting_detail", summary="联席会议详情")
def meeting_detail(request, pk: Id):
    require(request, "meeting.view")
    return _detail(_meeting(request, pk))


@router.post("/{int:pk}/invitations/", response=MeetingDetailOut, url_name="meeting_invite", summary="邀请单位或人员")
def meeting_invite(request, pk: Id, payload: InviteIn):
    require(request, "meeting.update")
    meeting = _managed(request, pk)
    people = list(Person.objects.filter(pk__in=payload.people, home_area__path__startswith=meeting.area.path))
    if len(people) != len(set(payload.people)):
        raise ValidationError({"people": _("受邀人员不存在或不在本区域。")})
    services.invite(meeting=meeting, by=request.user, orgs=_orgs(payload.orgs, "orgs"), people=people)
    return _detail(meeting)


@router.post("/{int:pk}/answer/", response=MeetingDetailOut, url_name="meeting_answer",
             summary="答复邀请：参加 / 请假（原因）/ 委派（参会人员）")
def meeting_answer(request, pk: Id, payload: AnswerIn):
    require(request, "meeting.answer")
    meeting = _meeting(request, pk)
    mine = selectors.answerable_invitations(request.user, meeting)
    if payload.invitation is not None:
        mine = [i for i in mine if i.pk == payload.invitation]
    if not mine:
        raise ValidationError({"invitation": _("您所在的单位不在该会议的邀请名单中。")})
    if len(mine) > 1:
        raise ValidationError({"invitation": _("您所在的多个单位受邀，请指明答复哪一项邀请（invitation）。")})
    services.answer_invitation(invitation=mine[0], by=request.user, response=payload.response,
                               reason=payload.reason, delegate=payload.delegate)
    return _detail(meeting)


@router.post("/{int:pk}/agenda/", response={201: AgendaItemOut}, url_name="meeting_agenda_add", summary="添加议程")
def meeting_agenda_add(request, pk: Id, payload: AgendaIn):
    require(request, "meeting.update")
    meeting = _managed(request, pk)
    case = None
    if payload.case is not None:
        case = visible_cases(request.user).filter(pk=payload.case).first()
        if case is None:
            raise ValidationError({"case": _("矛盾纠纷 %(id)s 不存在。") % {"id": payload.case}})
    item: AgendaItem = services.add_agenda_item(meeting=meeting, by=request.user, title=payload.title,
                                                note=payload.note, case=case)
    return Status(201, {"id": item.pk, "position": item.position, "title": item.title, "note": item.note,
                        "case": item.case_id, "source_decision": None, "source_meeting": None})


@router.post("/{int:pk}/attendances/", response={201: AttendanceOut}, url_name="meeting_attendance_add",
             summary="登记参会")
def meeting_attendance_add(request, pk: Id, payload: AttendanceIn):
    require(request, "meeting.attend")
    meeting = _managed(request, pk)
    a = services.record_attendance(meeting=meeting, by=request.user, name=payload.name,
                                   org=_org(payload.org, "org"))
    return Status(201, {"id": a.pk, "name": a.name, "org": a.org_id, "via": a.via, "checked_in_at": a.checked_in_at})


@router.post("/checkin/", response=AttendanceOut, url_name="meeting_checkin", summary="扫码签到")
def meeting_checkin(request, payload: CheckinIn):
    require(request, "meeting.checkin")
    a, _created = services.checkin(token=payload.token, by=request.user, name=payload.name)
    return {"id": a.pk, "name": a.name, "org": a.org_id, "via": a.via, "checked_in_at": a.checked_in_at}


@router.post("/{int:pk}/close/", response=MeetingDetailOut, url_name="meeting_close", summary="闭会：纪要与议定事项")
def meeting_close(request, pk: Id, payload: CloseIn):
    require(request, "meeting.close")
    meeting = _managed(request, pk)
    agenda = {a.pk: a for a in meeting.agenda_items.all()}
    decisions = []
    for i, d in enumerate(payload.decisions, start=1):
        if d.agenda_item is not None and d.agenda_item not in agenda:
            raise ValidationError({"decisions": _("第%(i)d项议定事项：议程 %(a)s 不属于本次会议。") % {"i": i, "a": d.agenda_item}})
        decisions.append({"text": d.text, "agenda_item": agenda.get(d.agenda_item),
                          "action_items": [_action(a) for a in d.action_items]})
    services.close_meeting(meeting=meeting, by=request.user, minutes=payload.minutes, decisions=decisions,
                           host=payload.host, recorder=payload.recorder)
    meeting.refresh_from_db()
    return _detail(meeting)


@router.post("/{int:pk}/reschedule/", response=MeetingDetailOut, url_name="meeting_reschedule",
             summary="会议改期（未召开前，召集单位）")
def meeting_reschedule(request, pk: Id, payload: RescheduleIn):
    require(request, "meeting.reschedule")
    meeting = _managed(request, pk)
    services.reschedule_meeting(meeting=meeting, by=request.user, starts_at=payload.starts_at,
                                ends_at=payload.ends_at, reason=payload.reason)
    return _detail(meeting)


@router.post("/{int:pk}/cancel/", response=MeetingDetailOut, url_name="meeting_cancel",
             summary="取消会议（未召开前，召集单位）")
def meeting_cancel(request, pk: Id, payload: CancelIn):
    require(request, "meeting.cancel")
    meeting = _managed(request, pk)
    services.cancel_meeting(meeting=meeting, by=request.user, reason=payload.reason)
    return _detail(meeting)


@router.post("/decisions/{int:pk}/forward/", response={201: AgendaItemOut}, url_name="decision_forward",
             summary="议定事项转上/下级会议")
def decision_forward(request, pk: Id, payload: ForwardIn):
    require(request, "decision.forward")
    decision = _decision(request, pk)
    to_meeting = JointMeeting.objects.select_related("area").filter(pk=payload.to_meeting).first()
    if to_meeting is None:
        raise ValidationError({"to_meeting": _("会议 %(id)s 不存在。") % {"id": payload.to_meeting}})
    a = services.forward_decision(decision=decision, to_meeting=to_meeting, by=request.user, note=payload.note)
    return Status(201, {"id": a.pk, "position": a.position, "title": a.title, "note": a.note, "case": None,
                        "source_decision": decision.pk, "source_meeting": decision.meeting_id})


@router.post("/decisions/{int:pk}/action-items/", response={201: ActionItemOut}, url_name="action_item_create",
             summary="增加督办事项")
def action_item_create(request, pk: Id, payload: ActionIn):
    require(request, "action_item.create")
    decision = _decision(request, pk)
    return Status(201, services.add_action_item(decision=decision, by=request.user, **_action(payload)))


# --- action items --------------------------------------------------------------------------


@router.get("/action-items/", response=list[ActionItemOut], url_name="action_item_list", summary="督办事项列表")
@paginate(Pagination)
def action_item_list(request, q: str = "", status: ActionStatus | None = None, escalated: bool = False,
                     area: str | None = None):
    require(request, "action_item.view")
    return (selectors.visible_action_items(request.user).prefetch_related("co_orgs")
            .search(q=q.strip(), status=status or "", escalated=escalated, area=search_area(request.user, area)))


@router.get("/action-items/{int:pk}/", response=ActionItemDetailOut, url_name="action_item_detail",
            summary="督办事项详情（含办理过程）")
def action_item_detail(request, pk: Id):
    require(request, "action_item.view")
    return _item_detail(_item(request, pk))


@router.post("/action-items/{int:pk}/progress/", response=ActionItemDetailOut, url_name="action_item_progress",
             summary="报告进展")
def action_item_progress(request, pk: Id, payload: TextIn):
    require(request, "action_item.report")
    item = _item(request, pk)
    services.report_progress(item=item, by=request.user, text=payload.text)
    return _item_detail(item)


@router.post("/action-items/{int:pk}/done/", response=ActionItemDetailOut, url_name="action_item_done",
             summary="报结")
def action_item_done(request, pk: Id, payload: TextIn):
    require(request, "action_item.report")
    item = services.mark_done(item=_item(request, pk), by=request.user, text=payload.text)
    return _item_detail(item)


@router.post("/action-items/{int:pk}/accept/", response=ActionItemDetailOut, url_name="action_item_accept",
             summary="验收")
def action_item_accept(request, pk: Id, payload: NoteIn):
    require(request, "action_item.accept")
    item = services.accept_item(item=_item(request, pk), by=request.user, note=payload.note)
    return _item_detail(item)


@router.post("/action-items/{int:pk}/return/", response=ActionItemDetailOut, url_name="action_item_return",
             summary="退回")
def action_item_return(request, pk: Id, payload: MeetingReasonIn):
    require(request, "action_item.accept")
    item = services.return_item(item=_item(request, pk), by=request.user, reason=payload.reason)
    return _item_detail(item)
