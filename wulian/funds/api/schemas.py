"""What the funds API takes and answers; money in yuan, to the cent."""

import datetime as dt
from decimal import Decimal

from ninja import Schema

from wulian.core.bounds import Date, Id, Int, Money, Year
from wulian.funds.models import FacilityKind, FundKind, ProjectCategory, ProjectStatus


def _cents(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("0.01"))


class FundOut(Schema):
    id: int
    name: str
    year: int
    kind: FundKind
    area: str
    received: Decimal
    allocated: Decimal
    spent: Decimal

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.code

    @staticmethod
    def resolve_received(obj) -> Decimal:
        return _cents(obj.received)

    @staticmethod
    def resolve_allocated(obj) -> Decimal:
        return _cents(obj.allocated)

    @staticmethod
    def resolve_spent(obj) -> Decimal:
        return _cents(obj.spent)


class FundIn(Schema):
    year: Year
    kind: FundKind
    area: str
    name: str = ""


class SourceIn(Schema):
    department: Id
    amount: Money
    received_on: Date
    note: str = ""


class SourceOut(Schema):
    id: int
    fund: int
    department: int
    amount: Decimal
    received_on: dt.date

    @staticmethod
    def resolve_fund(obj) -> int:
        return obj.fund_id

    @staticmethod
    def resolve_department(obj) -> int:
        return obj.department_id


class AllocationOut(Schema):
    id: int
    fund: int
    fund_name: str
    community: str
    community_name: str
    party_org: int
    amount: Decimal
    received: Decimal = Decimal("0")
    spent: Decimal = Decimal("0")
    allocated_on: dt.date
    document_no: str
    purpose: str

    @staticmethod
    def resolve_fund(obj) -> int:
        return obj.fund_id

    @staticmethod
    def resolve_fund_name(obj) -> str:
        return obj.fund.name

    @staticmethod
    def resolve_community(obj) -> str:
        return obj.community.code

    @staticmethod
    def resolve_community_name(obj) -> str:
        return obj.community.name

    @staticmethod
    def resolve_party_org(obj) -> int:
        return obj.party_org_id

    @staticmethod
    def resolve_received(obj) -> Decimal:
        return _cents(getattr(obj, "received", obj.amount))

    @staticmethod
    def resolve_spent(obj) -> Decimal:
        return _cents(getattr(obj, "spent", 0))


class AllocationIn(Schema):
    community: str
    amount: Money
    allocated_on: Date
    document_no: str = ""
    purpose: str = ""


class AmountReasonIn(Schema):
    amount: Money
    reason: str


class FundEntryOut(Schema):
    id: int
    kind: str
    amount: Decimal
    reason: str
    created_at: dt.datetime


class ProjectOut(Schema):
    id: int
    allocation: int
    community: str
    name: str
    category: ProjectCategory
    budget: Decimal
    spent: Decimal = Decimal("0")
    status: ProjectStatus
    beneficiaries: int
    description: str

    @staticmethod
    def resolve_allocation(obj) -> int:
        return obj.allocation_id

    @staticmethod
    def resolve_spent(obj) -> Decimal:
        return _cents(getattr(obj, "spent", 0))

    @staticmethod
    def resolve_community(obj) -> str:
        return obj.community.code


class ProjectIn(Schema):
    allocation: Id
    name: str
    category: ProjectCategory
    budget: Money
    beneficiaries: Int = 0
    description: str = ""


class AdvanceIn(Schema):
    to_status: ProjectStatus


class FacilityOut(Schema):
    id: int
    project: int
    community: str
    kind: FacilityKind
    name: str
    place: str
    opened_on: dt.date | None

    @staticmethod
    def resolve_project(obj) -> int:
        return obj.project_id

    @staticmethod
    def resolve_community(obj) -> str:
        return obj.community.code


class FacilityIn(Schema):
    kind: FacilityKind
    name: str
    place: str
    opened_on: Date | None = None


class ReportOut(Schema):
    area: str
    received: Decimal
    allocated: Decimal
    spent: Decimal
    project_total: int
    facility_total: int
    beneficiaries: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_kind: dict[str, int]
