"""Funds, allocations, projects and facilities over the API: the same selectors and services."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.models import Area
from wulian.areas.selectors import root_areas, visible_areas
from wulian.core.bounds import Date, Id, Int, Money, Pagination, Year
from wulian.funds import services
from wulian.funds.models import FacilityKind, FundKind, ProjectCategory, ProjectStatus
from wulian.funds.selectors import (
    area_report,
    manageable_allocations,
    visible_allocations,
    visible_facilities,
    visible_funds,
    visible_projects,
    with_allocation_figures,
    with_fund_figures,
    with_project_figures,
)
from wulian.orgs.models import Org
from wulian.web.api_helpers import fetch, require

router = Router(tags=["funds 专项资金"])


def _area(user, code: str, field: str) -> Area:
    area = visible_areas(user).filter(code=(code or "").strip()).first()
    if area is None:
        raise ValidationError({field: _("区划代码“%(c)s”不存在或不在您的管辖范围内。") % {"c": code}})
    return area


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


@router.get("/", response=list[FundOut], url_name="funds_fund_list", summary="专项资金列表")
@paginate(Pagination)
def fund_list(request, year: Year | None = None, kind: FundKind | None = None):
    require(request, "fund.view")
    qs = with_fund_figures(visible_funds(request.user))
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.get("/{int:pk}/", response=FundOut, url_name="funds_fund_detail", summary="专项资金详情")
def fund_detail(request, pk: Id):
    require(request, "fund.view")
    return get_in_scope_or_404(with_fund_figures(visible_funds(request.user)), pk=pk)


@router.post("/", response={201: FundOut}, url_name="funds_fund_create", summary="设立专项资金")
def fund_create(request, payload: FundIn):
    require(request, "fund.create")
    fund = services.create_fund(by=request.user, year=payload.year, kind=payload.kind,
                                area=_area(request.user, payload.area, "area"), name=payload.name)
    return Status(201, with_fund_figures(visible_funds(request.user)).get(pk=fund.pk))


@router.post("/{int:pk}/sources/", response={201: SourceOut}, url_name="funds_source_create", summary="登记资金来源")
def source_create(request, pk: Id, payload: SourceIn):
    fund = fetch(request, "fund.add_source", visible_funds, pk)
    department = Org.objects.departments().filter(pk=payload.department).first()
    if department is None:
        raise ValidationError({"department": _("来源必须是条线部门。")})
    return Status(201, services.add_fund_source(by=request.user, fund=fund, department=department,
                                                amount=payload.amount, received_on=payload.received_on,
                                                note=payload.note))


@router.post("/{int:pk}/allocations/", response={201: AllocationOut}, url_name="funds_allocation_create",
             summary="拨付资金")
def allocation_create(request, pk: Id, payload: AllocationIn):
    fund = fetch(request, "fund.allocate", visible_funds, pk)
    data = payload.model_dump()
    data["community"] = _area(request.user, data["community"], "community")
    return Status(201, services.allocate(by=request.user, fund=fund, **data))


@router.get("/allocations/", response=list[AllocationOut], url_name="funds_allocation_list", summary="资金拨付列表")
@paginate(Pagination)
def allocation_list(request, area: str | None = None, year: Year | None = None):
    require(request, "fund.view")
    qs = with_allocation_figures(visible_allocations(request.user))
    if area:
        target = visible_areas(request.user).filter(code=area.strip()).first() or Area(path="-none-")
        qs = qs.filter(community__path__startswith=target.path)
    if year:
        qs = qs.filter(fund__year=year)
    return qs


@router.get("/allocations/{int:pk}/", response=AllocationOut, url_name="funds_allocation_detail",
            summary="资金拨付详情")
def allocation_detail(request, pk: Id):
    require(request, "fund.view")
    return get_in_scope_or_404(with_allocation_figures(visible_allocations(request.user)), pk=pk)


@router.post("/allocations/{int:pk}/return/", response={201: FundEntryOut}, url_name="funds_allocation_return",
             summary="退回拨付资金")
def allocation_return(request, pk: Id, payload: AmountReasonIn):
    allocation = fetch(request, "fund.correct", manageable_allocations, pk)
    return Status(201, services.return_allocation(by=request.user, allocation=allocation, amount=payload.amount,
                                                  reason=payload.reason))


@router.get("/projects/", response=list[ProjectOut], url_name="funds_project_list", summary="惠民项目列表")
@paginate(Pagination)
def project_list(request, status: ProjectStatus | None = None, category: ProjectCategory | None = None,
                 area: str | None = None):
    require(request, "project.view")
    qs = with_project_figures(visible_projects(request.user))
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if area:
        target = visible_areas(request.user).filter(code=area.strip()).first() or Area(path="-none-")
        qs = qs.filter(community__path__startswith=target.path)
    return qs


@router.get("/projects/{int:pk}/", response=ProjectOut, url_name="funds_project_detail", summary="惠民项目详情")
def project_detail(request, pk: Id):
    require(request, "project.view")
    return get_in_scope_or_404(with_project_figures(visible_projects(request.user)), pk=pk)


def _managed_project(request, pk: Id):
    qs = visible_projects(request.user).filter(scope_for(request.user).paths_q("community"))
    return get_in_scope_or_404(with_project_figures(qs), pk=pk)


@router.post("/projects/", response={201: ProjectOut}, url_name="funds_project_create", summary="新增惠民项目")
def project_create(request, payload: ProjectIn):
    require(request, "project.create")
    allocation = visible_allocations(request.user).filter(pk=payload.allocation).first()
    if allocation is None:
        raise ValidationError({"allocation": _("资金拨付 %(id)s 不存在。") % {"id": payload.allocation}})
    data = payload.model_dump(exclude={"allocation"})
    project = services.create_project(by=request.user, allocation=allocation, **data)
    return Status(201, _managed_project(request, project.pk))


@router.post("/projects/{int:pk}/advance/", response=ProjectOut, url_name="funds_project_advance",
             summary="推进项目状态")
def project_advance(request, pk: Id, payload: AdvanceIn):
    require(request, "project.advance")
    project = _managed_project(request, pk)
    services.advance_project(by=request.user, project=project, to_status=payload.to_status)
    return _managed_project(request, pk)


@router.post("/projects/{int:pk}/spending/", response={201: FundEntryOut}, url_name="funds_project_spend",
             summary="记录项目支出")
def project_spend(request, pk: Id, payload: AmountReasonIn):
    require(request, "project.spend")
    project = _managed_project(request, pk)
    return Status(201, services.record_spending(by=request.user, project=project, amount=payload.amount,
                                                reason=payload.reason))


@router.post("/projects/{int:pk}/facilities/", response={201: FacilityOut}, url_name="funds_facility_create",
             summary="登记公共服务设施")
def facility_create(request, pk: Id, payload: FacilityIn):
    require(request, "facility.create")
    project = _managed_project(request, pk)
    return Status(201, services.create_facility(by=request.user, project=project, **payload.model_dump()))


@router.get("/facilities/", response=list[FacilityOut], url_name="funds_facility_list", summary="公共服务设施列表")
@paginate(Pagination)
def facility_list(request, kind: FacilityKind | None = None):
    require(request, "project.view")
    qs = visible_facilities(request.user)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


@router.get("/report/", response=ReportOut, url_name="funds_report", summary="区域资金统计")
def report(request, area: str | None = None):
    """Money received, allocated and spent, projects by status and category, facilities by kind,
    over an area's subtree (default: the caller's own area)."""
    require(request, "fund.view")
    target = visible_areas(request.user).filter(code=area.strip()).first() if area else root_areas(request.user).first()
    if target is None:
        from django.http import Http404

        raise Http404
    data = area_report(request.user, target)
    return {**data, "area": target.code, "by_category": {k: v[0] for k, v in data["by_category"].items()}}


@router.post("/projects/{int:pk}/spending-corrections/", response={201: FundEntryOut},
             url_name="funds_project_correct_spending", summary="冲回项目支出（更正）")
def project_correct_spending(request, pk: Id, payload: AmountReasonIn):
    require(request, "project.spend")
    project = _managed_project(request, pk)
    return Status(201, services.correct_spending(by=request.user, project=project, amount=payload.amount,
                                                 reason=payload.reason))


@router.post("/sources/{int:pk}/corrections/", response={201: FundEntryOut}, url_name="funds_source_correct",
             summary="冲减资金到账（更正）")
def source_correct(request, pk: Id, payload: AmountReasonIn):
    require(request, "fund.correct")
    from wulian.funds.models import FundSource

    source = get_in_scope_or_404(FundSource.objects.filter(fund__in=visible_funds(request.user)).select_related(
        "fund__area"), pk=pk)
    return Status(201, services.correct_receipt(by=request.user, source=source, amount=payload.amount,
                                                reason=payload.reason))
