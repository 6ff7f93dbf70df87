"""Projects (惠民项目) paid from allocations, their spending, the facilities they build, and the
area report."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.models import Area
from wulian.areas.selectors import root_areas, visible_areas
from wulian.core.bounds import Id, Pagination
from wulian.funds import services
from wulian.funds.api import router
from wulian.funds.api.schemas import (
    AdvanceIn,
    AmountReasonIn,
    FacilityIn,
    FacilityOut,
    FundEntryOut,
    ProjectIn,
    ProjectOut,
    ReportOut,
)
from wulian.funds.models import FacilityKind, ProjectCategory, ProjectStatus
from wulian.funds.selectors import (
    area_report,
    visible_allocations,
    visible_facilities,
    visible_projects,
    with_project_figures,
)
from wulian.web.api_helpers import body_openapi, read_body, require


@router.get(
    "/projects/", response=list[ProjectOut], url_name="funds_project_list", summary="惠民项目列表"
)
@paginate(Pagination)
def project_list(
    request,
    status: ProjectStatus | None = None,
    category: ProjectCategory | None = None,
    area: str | None = None,
):
    require(request, "project.view")
    qs = with_project_figures(visible_projects(request.user))
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    if area:
        target = visible_areas(request.user).filter(code=area.strip()).first() or Area(
            path="-none-"
        )
        qs = qs.filter(community__path__startswith=target.path)
    return qs


@router.get(
    "/projects/{int:pk}/",
    response=ProjectOut,
    url_name="funds_project_detail",
    summary="惠民项目详情",
)
def project_detail(request, pk: Id):
    require(request, "project.view")
    return get_in_scope_or_404(with_project_figures(visible_projects(request.user)), pk=pk)


def _managed_project(request, pk: Id):
    qs = visible_projects(request.user).filter(scope_for(request.user).paths_q("community"))
    return get_in_scope_or_404(with_project_figures(qs), pk=pk)


@router.post(
    "/projects/",
    response={201: ProjectOut},
    url_name="funds_project_create",
    summary="新增惠民项目",
)
def project_create(request, payload: ProjectIn):
    require(request, "project.create")
    allocation = visible_allocations(request.user).filter(pk=payload.allocation).first()
    if allocation is None:
        raise ValidationError(
            {"allocation": _("资金拨付 %(id)s 不存在。") % {"id": payload.allocation}}
        )
    data = payload.model_dump(exclude={"allocation"})
    project = services.create_project(by=request.user, allocation=allocation, **data)
    return Status(201, _managed_project(request, project.pk))


@router.post(
    "/projects/{int:pk}/advance/",
    response=ProjectOut,
    url_name="funds_project_advance",
    summary="推进项目状态",
    openapi_extra=body_openapi(AdvanceIn),
)
def project_advance(request, pk: Id):
    require(request, "project.advance")
    project = _managed_project(request, pk)
    payload = read_body(request, AdvanceIn)
    services.advance_project(by=request.user, project=project, to_status=payload.to_status)
    return _managed_project(request, pk)


@router.post(
    "/projects/{int:pk}/spending/",
    response={201: FundEntryOut},
    url_name="funds_project_spend",
    summary="记录项目支出",
    openapi_extra=body_openapi(AmountReasonIn),
)
def project_spend(request, pk: Id):
    require(request, "project.spend")
    project = _managed_project(request, pk)
    payload = read_body(request, AmountReasonIn)
    return Status(
        201,
        services.record_spending(
            by=request.user, project=project, amount=payload.amount, reason=payload.reason
        ),
    )


@router.post(
    "/projects/{int:pk}/facilities/",
    response={201: FacilityOut},
    url_name="funds_facility_create",
    summary="登记公共服务设施",
    openapi_extra=body_openapi(FacilityIn),
)
def facility_create(request, pk: Id):
    require(request, "facility.create")
    project = _managed_project(request, pk)
    payload = read_body(request, FacilityIn)
    return Status(
        201, services.create_facility(by=request.user, project=project, **payload.model_dump())
    )


@router.get(
    "/facilities/",
    response=list[FacilityOut],
    url_name="funds_facility_list",
    summary="公共服务设施列表",
)
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
    target = (
        visible_areas(request.user).filter(code=area.strip()).first()
        if area
        else root_areas(request.user).first()
    )
    if target is None:
        raise Http404
    data = area_report(request.user, target)
    return {
        **data,
        "area": target.code,
        "by_category": {k: v[0] for k, v in data["by_category"].items()},
    }


@router.post(
    "/projects/{int:pk}/spending-corrections/",
    response={201: FundEntryOut},
    url_name="funds_project_correct_spending",
    summary="冲回项目支出（更正）",
    openapi_extra=body_openapi(AmountReasonIn),
)
def project_correct_spending(request, pk: Id):
    require(request, "project.spend")
    project = _managed_project(request, pk)
    payload = read_body(request, AmountReasonIn)
    return Status(
        201,
        services.correct_spending(
            by=request.user, project=project, amount=payload.amount, reason=payload.reason
        ),
    )
