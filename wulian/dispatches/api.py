"""Dispatches, criticism, rectification, inspections and inquiries over the API: the same
selectors and services as the pages."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.models import Area
from wulian.areas.selectors import visible_areas
from wulian.core.bounds import Date, Id, Pagination, Year
from wulian.dispatches import services
from wulian.dispatches.models import (
    Decision,
    Dispatch,
    DispatchKind,
    DispatchStatus,
    Inquiry,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Rectification,
    RectificationStatus,
)
from wulian.dispatches.selectors import (
    managed_dispatches,
    org_record,
    visible_dispatches,
    visible_inquiries,
    visible_inspections,
    visible_rectifications,
)
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import body_openapi, fetch, read_body, require

router = Router(tags=["dispatches 调度通报·督导·整改·问询"])


def _org(user, pk: int, field: str):
    org = visible_orgs(user).filter(pk=pk).first()
    if org is None:
        raise ValidationError({field: _("单位 %(id)s 不存在或不在您的管辖范围内。") % {"id": pk}})
    return org


class CriticismOut(Schema):
    id: int
    org: int
    org_name: str
    failure: str
    deadline: dt.date
    rectification: int | None

    @staticmethod
    def resolve_org(obj) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj) -> str:
        return obj.org.name

    @staticmethod
    def resolve_rectification(obj) -> int | None:
        return getattr(getattr(obj, "rectification", None), "pk", None)


class DispatchOut(Schema):
    id: int
    kind: DispatchKind
    scope_area: str
    issuer: int
    issuer_name: str
    period: dt.date
    title: str
    intro: str
    closing: str
    cc: str
    status: DispatchStatus
    document_no: str
    corrects: int | None
    published_at: dt.datetime | None
    pdf_sm3: str
    figures: dict[str, Any]

    @staticmethod
    def resolve_scope_area(obj: Dispatch) -> str:
        return obj.scope_area.code

    @staticmethod
    def resolve_issuer(obj: Dispatch) -> int:
        return obj.issuer_id

    @staticmethod
    def resolve_issuer_name(obj: Dispatch) -> str:
        return obj.issuer.name

    @staticmethod
    def resolve_corrects(obj: Dispatch) -> int | None:
        return obj.corrects_id


class DispatchDetailOut(DispatchOut):
    criticisms: list[CriticismOut]

    @staticmethod
    def resolve_criticisms(obj: Dispatch) -> list:
        return list(obj.criticisms.select_related("org", "rectification"))


class GenerateIn(Schema):
    scope_area: str
    period: str  # "2026-10"


class DispatchPatch(Schema):
    title: str
    intro: str = ""
    closing: str = ""
    cc: str = ""


class CriticismIn(Schema):
    org: Id
    failure: str
    deadline: Date


class RectificationOut(Schema):
    id: int
    org: int
    org_name: str
    dispatch: int
    document_no: str
    failure: str
    deadline: dt.date
    status: RectificationStatus
    escalated_at: dt.datetime | None
    escalated_to: int | None

    @staticmethod
    def resolve_org(obj: Rectification) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj: Rectification) -> str:
        return obj.org.name

    @staticmethod
    def resolve_dispatch(obj: Rectification) -> int:
        return obj.criticism.dispatch_id

    @staticmethod
    def resolve_document_no(obj: Rectification) -> str:
        return obj.criticism.dispatch.document_no

    @staticmethod
    def resolve_failure(obj: Rectification) -> str:
        return obj.criticism.failure

    @staticmethod
    def resolve_escalated_to(obj: Rectification) -> int | None:
        return obj.escalated_to_id


class RectReportIn(Schema):
    text: str


class VerifyIn(Schema):
    approve: bool
    note: str = ""


class InspectionOut(Schema):
    id: int
    kind: InspectionKind
    target: int
    target_name: str
    by_org: int | None
    inspector: str
    scheduled_on: dt.date
    checklist: list[dict[str, Any]]
    notes: str
    status: InspectionStatus
    findings: list[dict[str, Any]]

    @staticmethod
    def resolve_target(obj: Inspection) -> int:
        return obj.target_id

    @staticmethod
    def resolve_target_name(obj: Inspection) -> str:
        return obj.target.name

    @staticmethod
    def resolve_by_org(obj: Inspection) -> int | None:
        return obj.by_org_id

    @staticmethod
    def resolve_findings(obj: Inspection) -> list[dict]:
        return [{"id": f.pk, "description": f.description, "deadline": f.deadline.isoformat(), "duty": f.duty_id}
                for f in obj.findings.all()]


class InspectionIn(Schema):
    kind: InspectionKind
    target: Id
    scheduled_on: Date
    inspector: str
    checklist: list[str]


class ResultIn(Schema):
    item: str
    ok: bool
    note: str = ""


class RecordIn(Schema):
    results: list[ResultIn]
    notes: str = ""


class FindingIn(Schema):
    description: str
    deadline: Date


class InquiryOut(Schema):
    id: int
    from_org: int | None
    to_org: int
    to_org_name: str
    subject: str
    question: str
    reply_due: dt.date
    reply: str
    replied_at: dt.datetime | None
    decision: str
    decision_note: str
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_from_org(obj: Inquiry) -> int | None:
        return obj.from_org_id

    @staticmethod
    def resolve_to_org(obj: Inquiry) -> int:
        return obj.to_org_id

    @staticmethod
    def resolve_to_org_name(obj: Inquiry) -> str:
        return obj.to_org.name


class InquiryIn(Schema):
    to_org: Id
    subject: str
    question: str
    reply_due: Date


class ReplyIn(Schema):
    reply: str


class DispatchDecideIn(Schema):
    decision: Decision
    note: str = ""


# ---------------------------------------------------------------------------------- dispatches

@router.get("/", response=list[DispatchOut], url_name="dispatch_list", summary="调度通报列表")
@paginate(Pagination)
def dispatch_list(request, status: DispatchStatus | None = None, year: Year | None = None):
    require(request, "dispatch.view")
    qs = visible_dispatches(request.user)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(period__year=year)
    return qs


@router.get("/{int:pk}/", response=DispatchDetailOut, url_name="dispatch_detail", summary="调度通报详情")
def dispatch_detail(request, pk: Id):
    return fetch(request, "dispatch.view", visible_dispatches, pk)


@router.post("/generate/", response={201: DispatchDetailOut}, url_name="dispatch_generate", summary="生成月度调度通报草稿")
def dispatch_generate(request, payload: GenerateIn):
    require(request, "dispatch.create")
    area = visible_areas(request.user).filter(code=payload.scope_area.strip()).first()
    if area is None:
        if Area.objects.filter(code=payload.scope_area.strip()).exists():
            raise ValidationError({"scope_area": _("该区域不在您的管辖范围内。")})
        raise ValidationError({"scope_area": _("区划代码“%(c)s”不存在。") % {"c": payload.scope_area}})
    try:
        period = dt.datetime.strptime(payload.period.strip(), "%Y-%m").date()
    except ValueError:
        raise ValidationError({"period": _("请按 2026-10 的格式填写月份。")}) from None
    dispatch, _created = services.generate_monthly_dispatch(by=request.user, scope_area=area, period=period)
    return Status(201, dispatch)


@router.patch("/{int:pk}/", response=DispatchDetailOut, url_name="dispatch_update", summary="修改草稿",
              openapi_extra=body_openapi(DispatchPatch))
def dispatch_update(request, pk: Id):
    dispatch = fetch(request, "dispatch.edit", managed_dispatches, pk)  # 403, then 404, then the body
    payload = read_body(request, DispatchPatch)
    return services.update_dispatch(by=request.user, dispatch=dispatch, **payload.model_dump())


@router.post("/{int:pk}/criticisms/", response={201: CriticismOut}, url_name="dispatch_criticize", summary="添加通报批评")
def dispatch_criticize(request, pk: Id, payload: CriticismIn):
    dispatch = fetch(request, "dispatch.edit", managed_dispatches, pk)
    org = _org(request.user, payload.org, "org")
    return Status(201, services.add_criticism(by=request.user, dispatch=dispatch, org=org, failure=payload.failure,
                                              deadline=payload.deadline))


@router.post("/{int:pk}/publish/", response=DispatchDetailOut, url_name="dispatch_publish", summary="审核发布")
def dispatch_publish(request, pk: Id):
    dispatch = fetch(request, "dispatch.publish", managed_dispatches, pk)
    return services.publish_dispatch(by=request.user, dispatch=dispatch)


@router.post("/{int:pk}/correct/", response={201: DispatchDetailOut}, url_name="dispatch_correct", summary="新建更正通报")
def dispatch_correct(request, pk: Id):
    dispatch = fetch(request, "dispatch.create", managed_dispatches, pk)
    return Status(201, services.start_correction(by=request.user, dispatch=dispatch))


# ------------------------------------------------------------------------------ rectifications

@router.get("/rectifications/", response=list[RectificationOut], url_name="rectification_list", summary="限期整改列表")
@paginate(Pagination)
def rectification_list(request, status: RectificationStatus | None = None):
    require(request, "rectification.view")
    qs = visible_rectifications(request.user)
    return qs.filter(status=status) if status else qs


@router.get("/rectifications/{int:pk}/", response=RectificationOut, url_name="rectification_detail", summary="整改详情")
def rectification_detail(request, pk: Id):
    return fetch(request, "rectification.view", visible_rectifications, pk)


@router.post("/rectifications/{int:pk}/report/", response={201: RectificationOut}, url_name="rectification_report",
             summary="报告整改情况")
def rectification_report(request, pk: Id, payload: RectReportIn):
    rect = fetch(request, "rectification.report", visible_rectifications, pk)
    services.report_rectification(by=request.user, rectification=rect, text=payload.text)
    rect.refresh_from_db()
    return Status(201, rect)


@router.post("/rectifications/{int:pk}/verify/", response=RectificationOut, url_name="rectification_verify", summary="核验整改")
def rectification_verify(request, pk: Id, payload: VerifyIn):
    rect = fetch(request, "rectification.verify", visible_rectifications, pk)
    return services.verify_rectification(by=request.user, rectification=rect, approve=payload.approve, note=payload.note)


# --------------------------------------------------------------------------------- inspections

@router.get("/inspections/", response=list[InspectionOut], url_name="inspection_list", summary="督导检查列表")
@paginate(Pagination)
def inspection_list(request, kind: InspectionKind | None = None):
    require(request, "inspection.view")
    qs = visible_inspections(request.user).prefetch_related("findings")
    return qs.filter(kind=kind) if kind else qs


@router.get("/inspections/{int:pk}/", response=InspectionOut, url_name="inspection_detail", summary="督导详情")
def inspection_detail(request, pk: Id):
    return fetch(request, "inspection.view", visible_inspections, pk)


@router.post("/inspections/", response={201: InspectionOut}, url_name="inspection_create", summary="安排督导")
def inspection_create(request, payload: InspectionIn):
    require(request, "inspection.create")
    data = payload.model_dump()
    data["target"] = _org(request.user, data["target"], "target")
    return Status(201, services.create_inspection(by=request.user, **data))


@router.post("/inspections/{int:pk}/record/", response=InspectionOut, url_name="inspection_record", summary="记录督导结果")
def inspection_record(request, pk: Id, payload: RecordIn):
    inspection = fetch(request, "inspection.record", visible_inspections, pk)
    return services.record_inspection(by=request.user, inspection=inspection,
                                      results=[r.model_dump() for r in payload.results], notes=payload.notes)


@router.post("/inspections/{int:pk}/findings/", response={201: InspectionOut}, url_name="inspection_finding",
             summary="添加发现问题（列入问题清单）")
def inspection_finding(request, pk: Id, payload: FindingIn):
    inspection = fetch(request, "inspection.record", visible_inspections, pk)
    services.add_finding(by=request.user, inspection=inspection, **payload.model_dump())
    return Status(201, inspection)


# ----------------------------------------------------------------------------------- inquiries

@router.get("/inquiries/", response=list[InquiryOut], url_name="inquiry_list", summary="问询列表")
@paginate(Pagination)
def inquiry_list(request):
    require(request, "inquiry.view")
    return visible_inquiries(request.user)


@router.get("/inquiries/{int:pk}/", response=InquiryOut, url_name="inquiry_detail", summary="问询详情")
def inquiry_detail(request, pk: Id):
    return fetch(request, "inquiry.view", visible_inquiries, pk)


@router.post("/inquiries/", response={201: InquiryOut}, url_name="inquiry_create", summary="发出问询")
def inquiry_create(request, payload: InquiryIn):
    require(request, "inquiry.send")
    data = payload.model_dump()
    data["to_org"] = _org(request.user, data["to_org"], "to_org")
    return Status(201, services.send_inquiry(by=request.user, **data))


@router.post("/inquiries/{int:pk}/reply/", response=InquiryOut, url_name="inquiry_reply", summary="答复问询")
def inquiry_reply(request, pk: Id, payload: ReplyIn):
    inquiry = fetch(request, "inquiry.reply", visible_inquiries, pk)
    return services.reply_inquiry(by=request.user, inquiry=inquiry, reply=payload.reply)


@router.post("/inquiries/{int:pk}/decide/", response=InquiryOut, url_name="inquiry_decide", summary="记录问责决定")
def inquiry_decide(request, pk: Id, payload: DispatchDecideIn):
    inquiry = fetch(request, "inquiry.decide", visible_inquiries, pk)
    return services.decide_inquiry(by=request.user, inquiry=inquiry, decision=payload.decision, note=payload.note)


# ---------------------------------------------------------------------------------- org record

class OrgRecordOut(Schema):
    org: int
    duties: list[dict[str, Any]]
    criticisms: list[dict[str, Any]]
    inspections: list[dict[str, Any]]
    inquiries: list[dict[str, Any]]


@router.get("/orgs/{int:pk}/record/", response=OrgRecordOut, url_name="org_record", summary="单位责任联动记录")
def org_record_api(request, pk: Id):
    org = fetch(request, "org_record.view", visible_orgs, pk)
    rec = org_record(request.user, org)
    return {
        "org": org.pk,
        "duties": [{"id": d.pk, "title": d.title, "due_on": d.due_on.isoformat(), "status": d.status} for d in rec["duties"]],
        "criticisms": [{"id": c.pk, "document_no": c.dispatch.document_no, "failure": c.failure,
                        "deadline": c.deadline.isoformat(), "rectification": c.rectification.status} for c in rec["criticisms"]],
        "inspections": [{"id": i.pk, "kind": i.kind, "scheduled_on": i.scheduled_on.isoformat(),
                         "findings": len(i.findings.all())} for i in rec["inspections"]],
        "inquiries": [{"id": q.pk, "subject": q.subject, "reply_due": q.reply_due.isoformat(),
                       "decision": q.decision} for q in rec["inquiries"]],
    }
