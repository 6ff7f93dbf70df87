"""Inspections (督导), inquiries (问询) and an org's record of all of them, over the API."""

from ninja.pagination import paginate
from ninja.responses import Status

from wulian.core.bounds import Id, Pagination
from wulian.dispatches import services
from wulian.dispatches.api import router
from wulian.dispatches.api.schemas import (
    DispatchDecideIn,
    FindingIn,
    InquiryIn,
    InquiryOut,
    InspectionIn,
    InspectionOut,
    OrgRecordOut,
    RecordIn,
    ReplyIn,
)
from wulian.dispatches.models import InspectionKind
from wulian.dispatches.rules import DECIDE_REFUSAL, RECORD_REFUSAL, require_supervising
from wulian.dispatches.selectors import org_record, visible_inquiries, visible_inspections
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve

# --------------------------------------------------------------------------------- inspections


@router.get(
    "/inspections/",
    response=list[InspectionOut],
    url_name="inspection_list",
    summary="督导检查列表",
)
@paginate(Pagination)
def inspection_list(request, kind: InspectionKind | None = None):
    require(request, "inspection.view")
    qs = visible_inspections(request.user).prefetch_related("findings")
    return qs.filter(kind=kind) if kind else qs


@router.get(
    "/inspections/{int:pk}/",
    response=InspectionOut,
    url_name="inspection_detail",
    summary="督导详情",
)
def inspection_detail(request, pk: Id):
    return fetch(request, "inspection.view", visible_inspections, pk)


@router.post(
    "/inspections/", response={201: InspectionOut}, url_name="inspection_create", summary="安排督导"
)
def inspection_create(request, payload: InspectionIn):
    require(request, "inspection.create")
    data = payload.model_dump()
    data["target"] = resolve(request, visible_orgs, data["target"], "target")
    return Status(201, services.create_inspection(by=request.user, **data))


@router.post(
    "/inspections/{int:pk}/record/",
    response=InspectionOut,
    url_name="inspection_record",
    summary="记录督导结果",
    openapi_extra=body_openapi(RecordIn),
)
def inspection_record(request, pk: Id):
    inspection = fetch(request, "inspection.record", visible_inspections, pk)
    require_supervising(request.user, inspection.target, RECORD_REFUSAL)  # 403 before the body
    payload = read_body(request, RecordIn)
    return services.record_inspection(
        by=request.user,
        inspection=inspection,
        results=[r.model_dump() for r in payload.results],
        notes=payload.notes,
    )


@router.post(
    "/inspections/{int:pk}/findings/",
    response={201: InspectionOut},
    url_name="inspection_finding",
    summary="添加发现问题（列入问题清单）",
    openapi_extra=body_openapi(FindingIn),
)
def inspection_finding(request, pk: Id):
    inspection = fetch(request, "inspection.record", visible_inspections, pk)
    require_supervising(request.user, inspection.target, RECORD_REFUSAL)  # 403 before the body
    payload = read_body(request, FindingIn)
    services.add_finding(by=request.user, inspection=inspection, **payload.model_dump())
    return Status(201, inspection)


# ----------------------------------------------------------------------------------- inquiries


@router.get("/inquiries/", response=list[InquiryOut], url_name="inquiry_list", summary="问询列表")
@paginate(Pagination)
def inquiry_list(request):
    require(request, "inquiry.view")
    return visible_inquiries(request.user)


@router.get(
    "/inquiries/{int:pk}/", response=InquiryOut, url_name="inquiry_detail", summary="问询详情"
)
def inquiry_detail(request, pk: Id):
    return fetch(request, "inquiry.view", visible_inquiries, pk)


@router.post(
    "/inquiries/", response={201: InquiryOut}, url_name="inquiry_create", summary="发出问询"
)
def inquiry_create(request, payload: InquiryIn):
    require(request, "inquiry.send")
    data = payload.model_dump()
    data["to_org"] = resolve(request, visible_orgs, data["to_org"], "to_org")
    return Status(201, services.send_inquiry(by=request.user, **data))


@router.post(
    "/inquiries/{int:pk}/reply/",
    response=InquiryOut,
    url_name="inquiry_reply",
    summary="答复问询",
    openapi_extra=body_openapi(ReplyIn),
)
def inquiry_reply(request, pk: Id):
    inquiry = fetch(request, "inquiry.reply", visible_inquiries, pk)
    payload = read_body(request, ReplyIn)
    return services.reply_inquiry(by=request.user, inquiry=inquiry, reply=payload.reply)


@router.post(
    "/inquiries/{int:pk}/decide/",
    response=InquiryOut,
    url_name="inquiry_decide",
    summary="记录问责决定",
    openapi_extra=body_openapi(DispatchDecideIn),
)
def inquiry_decide(request, pk: Id):
    inquiry = fetch(request, "inquiry.decide", visible_inquiries, pk)
    require_supervising(request.user, inquiry.to_org, DECIDE_REFUSAL)  # 403 before the body
    payload = read_body(request, DispatchDecideIn)
    return services.decide_inquiry(
        by=request.user, inquiry=inquiry, decision=payload.decision, note=payload.note
    )


# ---------------------------------------------------------------------------------- org record


@router.get(
    "/orgs/{int:pk}/record/",
    response=OrgRecordOut,
    url_name="org_record",
    summary="单位责任联动记录",
)
def org_record_api(request, pk: Id):
    org = fetch(request, "org_record.view", visible_orgs, pk)
    rec = org_record(request.user, org)
    return {
        "org": org.pk,
        "duties": [
            {"id": d.pk, "title": d.title, "due_on": d.due_on.isoformat(), "status": d.status}
            for d in rec["duties"]
        ],
        "criticisms": [
            {
                "id": c.pk,
                "document_no": c.dispatch.document_no,
                "failure": c.failure,
                "deadline": c.deadline.isoformat(),
                "rectification": c.rectification.status,
            }
            for c in rec["criticisms"]
        ],
        "inspections": [
            {
                "id": i.pk,
                "kind": i.kind,
                "scheduled_on": i.scheduled_on.isoformat(),
                "findings": len(i.findings.all()),
            }
            for i in rec["inspections"]
        ],
        "inquiries": [
            {
                "id": q.pk,
                "subject": q.subject,
                "reply_due": q.reply_due.isoformat(),
                "decision": q.decision,
            }
            for q in rec["inquiries"]
        ],
    }
