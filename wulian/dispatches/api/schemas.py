"""What the dispatches API takes and answers."""

import datetime as dt
from typing import Any

from ninja import Schema

from wulian.core.bounds import Date, Id
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
        return [
            {
                "id": f.pk,
                "description": f.description,
                "deadline": f.deadline.isoformat(),
                "duty": f.duty_id,
            }
            for f in obj.findings.all()
        ]


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


class OrgRecordOut(Schema):
    org: int
    duties: list[dict[str, Any]]
    criticisms: list[dict[str, Any]]
    inspections: list[dict[str, Any]]
    inquiries: list[dict[str, Any]]
