"""Funds (专项资金): their sources, allocations to communities, returns and corrections."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import visible_areas
from wulian.core.bounds import Id, Pagination, Year
from wulian.funds import services
from wulian.funds.api import router
from wulian.funds.api.schemas import (
    AllocationIn,
    AllocationOut,
    AmountReasonIn,
    FundEntryOut,
    FundIn,
    FundOut,
    SourceIn,
    SourceOut,
)
from wulian.funds.models import FundKind, FundSource
from wulian.funds.selectors import (
    manageable_allocations,
    visible_allocations,
    visible_funds,
    with_allocation_figures,
    with_fund_figures,
)
from wulian.orgs.models import Org
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve_area_code


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
    fund = services.create_fund(
        by=request.user,
        year=payload.year,
        kind=payload.kind,
        area=resolve_area_code(request, payload.area),
        name=payload.name,
    )
    return Status(201, with_fund_figures(visible_funds(request.user)).get(pk=fund.pk))


@router.post(
    "/{int:pk}/sources/",
    response={201: SourceOut},
    url_name="funds_source_create",
    summary="登记资金来源",
    openapi_extra=body_openapi(SourceIn),
)
def source_create(request, pk: Id):
    fund = fetch(request, "fund.add_source", visible_funds, pk)
    payload = read_body(request, SourceIn)
    department = Org.objects.departments().filter(pk=payload.department).first()
    if department is None:
        raise ValidationError({"department": _("来源必须是条线部门。")})
    return Status(
        201,
        services.add_fund_source(
            by=request.user,
            fund=fund,
            department=department,
            amount=payload.amount,
            received_on=payload.received_on,
            note=payload.note,
        ),
    )


@router.post(
    "/{int:pk}/allocations/",
    response={201: AllocationOut},
    url_name="funds_allocation_create",
    summary="拨付资金",
    openapi_extra=body_openapi(AllocationIn),
)
def allocation_create(request, pk: Id):
    fund = fetch(request, "fund.allocate", visible_funds, pk)
    payload = read_body(request, AllocationIn)
    data = payload.model_dump()
    data["community"] = resolve_area_code(request, data["community"], "community")
    return Status(201, services.allocate(by=request.user, fund=fund, **data))


@router.get(
    "/allocations/",
    response=list[AllocationOut],
    url_name="funds_allocation_list",
    summary="资金拨付列表",
)
@paginate(Pagination)
def allocation_list(request, area: str | None = None, year: Year | None = None):
    require(request, "fund.view")
    qs = with_allocation_figures(visible_allocations(request.user))
    if area:
        target = visible_areas(request.user).filter(code=area.strip()).first() or Area(
            path="-none-"
        )
        qs = qs.filter(community__path__startswith=target.path)
    if year:
        qs = qs.filter(fund__year=year)
    return qs


@router.get(
    "/allocations/{int:pk}/",
    response=AllocationOut,
    url_name="funds_allocation_detail",
    summary="资金拨付详情",
)
def allocation_detail(request, pk: Id):
    require(request, "fund.view")
    return get_in_scope_or_404(with_allocation_figures(visible_allocations(request.user)), pk=pk)


@router.post(
    "/allocations/{int:pk}/return/",
    response={201: FundEntryOut},
    url_name="funds_allocation_return",
    summary="退回拨付资金",
    openapi_extra=body_openapi(AmountReasonIn),
)
def allocation_return(request, pk: Id):
    allocation = fetch(request, "fund.correct", manageable_allocations, pk)
    payload = read_body(request, AmountReasonIn)
    return Status(
        201,
        services.return_allocation(
            by=request.user, allocation=allocation, amount=payload.amount, reason=payload.reason
        ),
    )


@router.post(
    "/sources/{int:pk}/corrections/",
    response={201: FundEntryOut},
    url_name="funds_source_correct",
    summary="冲减资金到账（更正）",
    openapi_extra=body_openapi(AmountReasonIn),
)
def source_correct(request, pk: Id):
    require(request, "fund.correct")
    source = get_in_scope_or_404(
        FundSource.objects.filter(fund__in=visible_funds(request.user)).select_related(
            "fund__area"
        ),
        pk=pk,
    )
    payload = read_body(request, AmountReasonIn)
    return Status(
        201,
        services.correct_receipt(
            by=request.user, source=source, amount=payload.amount, reason=payload.reason
        ),
    )
