"""Joint meetings over the API: convene, invite, answer, agenda, attendance, close, change."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import search_area
from wulian.cases.selectors import visible_cases
from wulian.core.bounds import Id, Pagination
from wulian.meetings import rules, selectors, services
from wulian.meetings.api import router
from wulian.meetings.api.schemas import (
    AgendaIn,
    AgendaItemOut,
    AnswerIn,
    AttendanceIn,
    AttendanceOut,
    CancelIn,
    CheckinIn,
    CloseIn,
    InviteIn,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    RescheduleIn,
)
from wulian.meetings.models import AgendaItem, JointMeeting, MeetingStatus
from wulian.orgs.models import Org
from wulian.people.models import Person
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve_area_code


def orgs_by_id(ids: list[int], field: str) -> list[Org]:
    found = {o.pk: o for o in Org.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {field: _("组织 %(ids)s 不存在。") % {"ids": ", ".join(map(str, missing))}}
        )
    return [found[i] for i in ids]


def org_by_id(pk: int | None, field: str) -> Org | None:
    return orgs_by_id([pk], field)[0] if pk is not None else None


def _detail(meeting: JointMeeting) -> dict:
    data = selectors.meeting_detail(meeting)
    return {
        "id": meeting.pk,
        "area": meeting.area.code,
        "area_name": meeting.area.name,
        "convener": meeting.convener_id,
        "convener_name": meeting.convener.name,
        "topic": meeting.topic,
        "place": meeting.place,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "status": meeting.status,
        "minutes": meeting.minutes,
        "sequence": meeting.sequence,
        "host": meeting.host,
        "recorder": meeting.recorder,
        "changes": [
            {
                "id": c.pk,
                "kind": c.kind,
                "old_starts_at": c.old_starts_at,
                "old_ends_at": c.old_ends_at,
                "new_starts_at": c.new_starts_at,
                "new_ends_at": c.new_ends_at,
                "reason": c.reason,
                "by": c.by_id,
                "at": c.at,
            }
            for c in data["changes"]
        ],
        "invitations": [
            {
                "id": i.pk,
                "org": i.org_id,
                "person": i.person_id,
                "name": str(i.org or i.person),
                "response": i.response,
                "reason": i.reason,
                "delegate": i.delegate,
                "answered_at": i.answered_at,
            }
            for i in data["invitations"]
        ],
        "attendances": [
            {
                "id": a.pk,
                "name": a.name,
                "org": a.org_id,
                "via": a.via,
                "checked_in_at": a.checked_in_at,
            }
            for a in data["attendances"]
        ],
        "agenda": [
            {
                "id": a.pk,
                "position": a.position,
                "title": a.title,
                "note": a.note,
                "case": a.case_id,
                "source_decision": a.source_decision_id,
                "source_meeting": a.source_decision.meeting_id if a.source_decision_id else None,
            }
            for a in data["agenda"]
        ],
        "decisions": [
            {
                "id": d.pk,
                "position": d.position,
                "text": d.text,
                "agenda_item": d.agenda_item_id,
                "action_items": list(d.action_items.all()),
                "forwarded_to": [
                    {"meeting": f.meeting_id, "agenda_item": f.pk} for f in d.forwarded_as.all()
                ],
            }
            for d in data["decisions"]
        ],
    }


def action_data(data) -> dict:
    """An action item as the services take it, from an ``ActionIn``."""
    return {
        "title": data.title,
        "lead_org": org_by_id(data.lead_org, "lead_org"),
        "co_orgs": orgs_by_id(data.co_orgs, "co_orgs"),
        "responsible": data.responsible,
        "due_on": data.due_on,
        "done_criteria": data.done_criteria,
    }


@router.get("/", response=list[MeetingOut], url_name="meeting_list", summary="联席会议列表")
@paginate(Pagination)
def meeting_list(
    request, q: str = "", status: MeetingStatus | None = None, area: str | None = None
):
    require(request, "meeting.view")
    return selectors.visible_meetings(request.user).search(
        q=q.strip(), status=status or "", area=search_area(request.user, area)
    )


@router.post(
    "/", response={201: MeetingDetailOut}, url_name="meeting_create", summary="发起联席会议"
)
def meeting_create(request, payload: MeetingIn):
    require(request, "meeting.create")
    area = resolve_area_code(request, payload.area)
    people = list(
        Person.objects.filter(pk__in=payload.invite_people, home_area__path__startswith=area.path)
    )
    if len(people) != len(set(payload.invite_people)):
        raise ValidationError({"invite_people": _("受邀人员不存在或不在本区域。")})
    meeting = services.convene_meeting(
        by=request.user,
        area=area,
        topic=payload.topic,
        place=payload.place,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        convener=org_by_id(payload.convener, "convener"),
        invite_orgs=orgs_by_id(payload.invite_orgs, "invite_orgs"),
        invite_people=people,
        agenda=payload.agenda,
        host=payload.host,
        recorder=payload.recorder,
    )
    return Status(201, _detail(meeting))


@router.get(
    "/{int:pk}/", response=MeetingDetailOut, url_name="meeting_detail", summary="联席会议详情"
)
def meeting_detail(request, pk: Id):
    return _detail(fetch(request, "meeting.view", selectors.visible_meetings, pk))


@router.post(
    "/{int:pk}/invitations/",
    response=MeetingDetailOut,
    url_name="meeting_invite",
    summary="邀请单位或人员",
    openapi_extra=body_openapi(InviteIn),
)
def meeting_invite(request, pk: Id):
    meeting = fetch(request, "meeting.update", selectors.managed_meetings, pk)
    payload = read_body(request, InviteIn)
    people = list(
        Person.objects.filter(pk__in=payload.people, home_area__path__startswith=meeting.area.path)
    )
    if len(people) != len(set(payload.people)):
        raise ValidationError({"people": _("受邀人员不存在或不在本区域。")})
    services.invite(
        meeting=meeting, by=request.user, orgs=orgs_by_id(payload.orgs, "orgs"), people=people
    )
    return _detail(meeting)


@router.post(
    "/{int:pk}/answer/",
    response=MeetingDetailOut,
    url_name="meeting_answer",
    summary="答复邀请：参加 / 请假（原因）/ 委派（参会人员）",
    openapi_extra=body_openapi(AnswerIn),
)
def meeting_answer(request, pk: Id):
    meeting = fetch(request, "meeting.answer", selectors.visible_meetings, pk)
    mine = [
        i
        for i in selectors.answerable_invitations(request.user, meeting)
        if rules.can_answer(request.user, i)
    ]
    if not mine:  # 403 before the body is read
        raise PermissionDenied(_("您所在的单位不在该会议的邀请名单中。"))
    payload = read_body(request, AnswerIn)
    if payload.invitation is not None:
        mine = [i for i in mine if i.pk == payload.invitation]
    if not mine:
        raise ValidationError(
            {"invitation": _("您所在的单位不在该会议的邀请名单中。")}
        )  # not one of the user's
    if len(mine) > 1:
        raise ValidationError(
            {"invitation": _("您所在的多个单位受邀，请指明答复哪一项邀请（invitation）。")}
        )
    services.answer_invitation(
        invitation=mine[0],
        by=request.user,
        response=payload.response,
        reason=payload.reason,
        delegate=payload.delegate,
    )
    return _detail(meeting)


@router.post(
    "/{int:pk}/agenda/",
    response={201: AgendaItemOut},
    url_name="meeting_agenda_add",
    summary="添加议程",
    openapi_extra=body_openapi(AgendaIn),
)
def meeting_agenda_add(request, pk: Id):
    meeting = fetch(request, "meeting.update", selectors.managed_meetings, pk)
    case = None
    payload = read_body(request, AgendaIn)
    if payload.case is not None:
        case = visible_cases(request.user).filter(pk=payload.case).first()
        if case is None:
            raise ValidationError({"case": _("矛盾纠纷 %(id)s 不存在。") % {"id": payload.case}})
    item: AgendaItem = services.add_agenda_item(
        meeting=meeting, by=request.user, title=payload.title, note=payload.note, case=case
    )
    return Status(
        201,
        {
            "id": item.pk,
            "position": item.position,
            "title": item.title,
            "note": item.note,
            "case": item.case_id,
            "source_decision": None,
            "source_meeting": None,
        },
    )


@router.post(
    "/{int:pk}/attendances/",
    response={201: AttendanceOut},
    url_name="meeting_attendance_add",
    summary="登记参会",
    openapi_extra=body_openapi(AttendanceIn),
)
def meeting_attendance_add(request, pk: Id):
    meeting = fetch(request, "meeting.attend", selectors.managed_meetings, pk)
    rules.require_manage(request.user, meeting)  # 403 before the body is read
    payload = read_body(request, AttendanceIn)
    a = services.record_attendance(
        meeting=meeting, by=request.user, name=payload.name, org=org_by_id(payload.org, "org")
    )
    return Status(
        201,
        {
            "id": a.pk,
            "name": a.name,
            "org": a.org_id,
            "via": a.via,
            "checked_in_at": a.checked_in_at,
        },
    )


@router.post("/checkin/", response=AttendanceOut, url_name="meeting_checkin", summary="扫码签到")
def meeting_checkin(request, payload: CheckinIn):
    require(request, "meeting.checkin")
    a, _created = services.checkin(token=payload.token, by=request.user, name=payload.name)
    return {
        "id": a.pk,
        "name": a.name,
        "org": a.org_id,
        "via": a.via,
        "checked_in_at": a.checked_in_at,
    }


@router.post(
    "/{int:pk}/close/",
    response=MeetingDetailOut,
    url_name="meeting_close",
    summary="闭会：纪要与议定事项",
    openapi_extra=body_openapi(CloseIn),
)
def meeting_close(request, pk: Id):
    meeting = fetch(request, "meeting.close", selectors.managed_meetings, pk)
    rules.require_manage(request.user, meeting)  # 403 before the body is read
    agenda = {a.pk: a for a in meeting.agenda_items.all()}
    decisions = []
    payload = read_body(request, CloseIn)
    for i, d in enumerate(payload.decisions, start=1):
        if d.agenda_item is not None and d.agenda_item not in agenda:
            raise ValidationError(
                {
                    "decisions": _("第%(i)d项议定事项：议程 %(a)s 不属于本次会议。")
                    % {"i": i, "a": d.agenda_item}
                }
            )
        decisions.append(
            {
                "text": d.text,
                "agenda_item": agenda.get(d.agenda_item),
                "action_items": [action_data(a) for a in d.action_items],
            }
        )
    services.close_meeting(
        meeting=meeting,
        by=request.user,
        minutes=payload.minutes,
        decisions=decisions,
        host=payload.host,
        recorder=payload.recorder,
    )
    meeting.refresh_from_db()
    return _detail(meeting)


@router.post(
    "/{int:pk}/reschedule/",
    response=MeetingDetailOut,
    url_name="meeting_reschedule",
    summary="会议改期（未召开前，召集单位）",
    openapi_extra=body_openapi(RescheduleIn),
)
def meeting_reschedule(request, pk: Id):
    meeting = fetch(request, "meeting.reschedule", selectors.managed_meetings, pk)
    rules.require_manage(request.user, meeting)  # 403 before the body is read
    payload = read_body(request, RescheduleIn)
    services.reschedule_meeting(
        meeting=meeting,
        by=request.user,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        reason=payload.reason,
    )
    return _detail(meeting)


@router.post(
    "/{int:pk}/cancel/",
    response=MeetingDetailOut,
    url_name="meeting_cancel",
    summary="取消会议（未召开前，召集单位）",
    openapi_extra=body_openapi(CancelIn),
)
def meeting_cancel(request, pk: Id):
    meeting = fetch(request, "meeting.cancel", selectors.managed_meetings, pk)
    rules.require_manage(request.user, meeting)  # 403 before the body is read
    payload = read_body(request, CancelIn)
    services.cancel_meeting(meeting=meeting, by=request.user, reason=payload.reason)
    return _detail(meeting)
