"""Decisions and their action items (督办) over the API: forward, add, report, accept, return."""

from django.http import Http404
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Pagination
from wulian.meetings import rules, selectors, services
from wulian.meetings.api import router
from wulian.meetings.api.meetings import action_data
from wulian.meetings.api.schemas import (
    ActionIn,
    ActionItemDetailOut,
    ActionItemOut,
    AgendaItemOut,
    ForwardIn,
    MeetingReasonIn,
    NoteIn,
    TextIn,
)
from wulian.meetings.models import ActionItem, ActionStatus, Decision
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve


def _decision(request, pk: Id) -> Decision:
    decision = (
        Decision.objects.select_related("meeting__area", "meeting__convener").filter(pk=pk).first()
    )
    if decision is None:
        raise Http404
    get_in_scope_or_404(selectors.managed_meetings(request.user), pk=decision.meeting_id)
    return decision


def _item_detail(item: ActionItem) -> dict:
    data = {
        "id": item.pk,
        "decision": item.decision_id,
        "meeting": item.decision.meeting_id,
        "title": item.title,
        "lead_org": item.lead_org_id,
        "lead_org_name": item.lead_org.name,
        "co_orgs": [o.pk for o in item.co_orgs.all()],
        "responsible": item.responsible,
        "due_on": item.due_on,
        "done_criteria": item.done_criteria,
        "status": item.status,
        "colour": selectors.colour(item),
        "escalated_at": item.escalated_at,
        "escalated_to": item.escalated_to_id,
        "escalation_level": item.escalation_level,
    }
    data["events"] = [
        {
            "id": e.pk,
            "kind": e.kind,
            "text": e.text,
            "by_org": e.by_org_id,
            "at": e.at,
            "has_evidence": bool(e.evidence),
        }
        for e in item.events.all()
    ]
    return data


@router.post(
    "/decisions/{int:pk}/forward/",
    response={201: AgendaItemOut},
    url_name="decision_forward",
    summary="议定事项转上/下级会议",
    openapi_extra=body_openapi(ForwardIn),
)
def decision_forward(request, pk: Id):
    require(request, "decision.forward")
    decision = _decision(request, pk)
    payload = read_body(request, ForwardIn)
    to_meeting = resolve(
        request,
        selectors.forward_choices(request.user, decision.meeting),
        payload.to_meeting,
        "to_meeting",
    )
    a = services.forward_decision(
        decision=decision, to_meeting=to_meeting, by=request.user, note=payload.note
    )
    return Status(
        201,
        {
            "id": a.pk,
            "position": a.position,
            "title": a.title,
            "note": a.note,
            "case": None,
            "source_decision": decision.pk,
            "source_meeting": decision.meeting_id,
        },
    )


@router.post(
    "/decisions/{int:pk}/action-items/",
    response={201: ActionItemOut},
    url_name="action_item_create",
    summary="增加督办事项",
    openapi_extra=body_openapi(ActionIn),
)
def action_item_create(request, pk: Id):
    require(request, "action_item.create")
    decision = _decision(request, pk)
    rules.require_manage(request.user, decision.meeting)  # 403 before the body is read
    payload = read_body(request, ActionIn)
    return Status(
        201, services.add_action_item(decision=decision, by=request.user, **action_data(payload))
    )


# --- action items --------------------------------------------------------------------------


@router.get(
    "/action-items/",
    response=list[ActionItemOut],
    url_name="action_item_list",
    summary="督办事项列表",
)
@paginate(Pagination)
def action_item_list(
    request,
    q: str = "",
    status: ActionStatus | None = None,
    escalated: bool = False,
    area: str | None = None,
):
    require(request, "action_item.view")
    return (
        selectors.visible_action_items(request.user)
        .prefetch_related("co_orgs")
        .search(
            q=q.strip(),
            status=status or "",
            escalated=escalated,
            area=search_area(request.user, area),
        )
    )


@router.get(
    "/action-items/{int:pk}/",
    response=ActionItemDetailOut,
    url_name="action_item_detail",
    summary="督办事项详情（含办理过程）",
)
def action_item_detail(request, pk: Id):
    return _item_detail(fetch(request, "action_item.view", selectors.visible_action_items, pk))


@router.post(
    "/action-items/{int:pk}/progress/",
    response=ActionItemDetailOut,
    url_name="action_item_progress",
    summary="报告进展",
    openapi_extra=body_openapi(TextIn),
)
def action_item_progress(request, pk: Id):
    item = fetch(request, "action_item.report", selectors.visible_action_items, pk)
    rules.require_report(request.user, item)  # 403 before the body is read
    payload = read_body(request, TextIn)
    services.report_progress(item=item, by=request.user, text=payload.text)
    return _item_detail(item)


@router.post(
    "/action-items/{int:pk}/done/",
    response=ActionItemDetailOut,
    url_name="action_item_done",
    summary="报结",
    openapi_extra=body_openapi(TextIn),
)
def action_item_done(request, pk: Id):
    item = fetch(request, "action_item.report", selectors.visible_action_items, pk)
    rules.require_report(request.user, item, done=True)  # 403 before the body is read
    payload = read_body(request, TextIn)
    item = services.mark_done(item=item, by=request.user, text=payload.text)
    return _item_detail(item)


@router.post(
    "/action-items/{int:pk}/accept/",
    response=ActionItemDetailOut,
    url_name="action_item_accept",
    summary="验收",
    openapi_extra=body_openapi(NoteIn),
)
def action_item_accept(request, pk: Id):
    item = fetch(request, "action_item.accept", selectors.visible_action_items, pk)
    rules.require_accept(request.user, item)  # 403 before the body is read
    payload = read_body(request, NoteIn)
    item = services.accept_item(item=item, by=request.user, note=payload.note)
    return _item_detail(item)


@router.post(
    "/action-items/{int:pk}/return/",
    response=ActionItemDetailOut,
    url_name="action_item_return",
    summary="退回",
    openapi_extra=body_openapi(MeetingReasonIn),
)
def action_item_return(request, pk: Id):
    item = fetch(request, "action_item.accept", selectors.visible_action_items, pk)
    rules.require_accept(request.user, item)  # 403 before the body is read
    payload = read_body(request, MeetingReasonIn)
    item = services.return_item(item=item, by=request.user, reason=payload.reason)
    return _item_detail(item)
