"""Monthly dispatches (调度通报) with their criticisms, and the rectifications they order."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.core.bounds import Id, Pagination, Year
from wulian.core.periods import parse_month
from wulian.dispatches import services
from wulian.dispatches.api import router
from wulian.dispatches.api.schemas import (
    CriticismIn,
    CriticismOut,
    DispatchDetailOut,
    DispatchOut,
    DispatchPatch,
    GenerateIn,
    RectificationOut,
    RectReportIn,
    VerifyIn,
)
from wulian.dispatches.models import DispatchStatus, RectificationStatus
from wulian.dispatches.selectors import (
    managed_dispatches,
    visible_dispatches,
    visible_rectifications,
)
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

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


@router.get(
    "/{int:pk}/", response=DispatchDetailOut, url_name="dispatch_detail", summary="调度通报详情"
)
def dispatch_detail(request, pk: Id):
    return fetch(request, "dispatch.view", visible_dispatches, pk)


@router.post(
    "/generate/",
    response={201: DispatchDetailOut},
    url_name="dispatch_generate",
    summary="生成月度调度通报草稿",
)
def dispatch_generate(request, payload: GenerateIn):
    require(request, "dispatch.create")
    area = resolve_area_code(request, payload.scope_area, "scope_area")
    try:
        period = parse_month(payload.period)
    except ValueError:
        raise ValidationError({"period": _("请按 2026-10 的格式填写月份。")}) from None
    dispatch, _created = services.generate_monthly_dispatch(
        by=request.user, scope_area=area, period=period
    )
    return Status(201, dispatch)


@router.patch(
    "/{int:pk}/",
    response=DispatchDetailOut,
    url_name="dispatch_update",
    summary="修改草稿",
    openapi_extra=body_openapi(DispatchPatch),
)
def dispatch_update(request, pk: Id):
    dispatch = fetch(
        request, "dispatch.edit", managed_dispatches, pk
    )  # 403, then 404, then the body
    payload = read_body(request, DispatchPatch)
    return services.update_dispatch(by=request.user, dispatch=dispatch, **payload.model_dump())


@router.post(
    "/{int:pk}/criticisms/",
    response={201: CriticismOut},
    url_name="dispatch_criticize",
    summary="添加通报批评",
    openapi_extra=body_openapi(CriticismIn),
)
def dispatch_criticize(request, pk: Id):
    dispatch = fetch(request, "dispatch.edit", managed_dispatches, pk)
    payload = read_body(request, CriticismIn)
    org = resolve(request, visible_orgs, payload.org, "org")
    return Status(
        201,
        services.add_criticism(
            by=request.user,
            dispatch=dispatch,
            org=org,
            failure=payload.failure,
            deadline=payload.deadline,
        ),
    )


@router.post(
    "/{int:pk}/publish/",
    response=DispatchDetailOut,
    url_name="dispatch_publish",
    summary="审核发布",
)
def dispatch_publish(request, pk: Id):
    dispatch = fetch(request, "dispatch.publish", managed_dispatches, pk)
    return services.publish_dispatch(by=request.user, dispatch=dispatch)


@router.post(
    "/{int:pk}/correct/",
    response={201: DispatchDetailOut},
    url_name="dispatch_correct",
    summary="新建更正通报",
)
def dispatch_correct(request, pk: Id):
    dispatch = fetch(request, "dispatch.create", managed_dispatches, pk)
    return Status(201, services.start_correction(by=request.user, dispatch=dispatch))


# ------------------------------------------------------------------------------ rectifications


@router.get(
    "/rectifications/",
    response=list[RectificationOut],
    url_name="rectification_list",
    summary="限期整改列表",
)
@paginate(Pagination)
def rectification_list(request, status: RectificationStatus | None = None):
    require(request, "rectification.view")
    qs = visible_rectifications(request.user)
    return qs.filter(status=status) if status else qs


@router.get(
    "/rectifications/{int:pk}/",
    response=RectificationOut,
    url_name="rectification_detail",
    summary="整改详情",
)
def rectification_detail(request, pk: Id):
    return fetch(request, "rectification.view", visible_rectifications, pk)


@router.post(
    "/rectifications/{int:pk}/report/",
    response={201: RectificationOut},
    url_name="rectification_report",
    summary="报告整改情况",
    openapi_extra=body_openapi(RectReportIn),
)
def rectification_report(request, pk: Id):
    rect = fetch(request, "rectification.report", visible_rectifications, pk)
    payload = read_body(request, RectReportIn)
    services.report_rectification(by=request.user, rectification=rect, text=payload.text)
    rect.refresh_from_db()
    return Status(201, rect)


@router.post(
    "/rectifications/{int:pk}/verify/",
    response=RectificationOut,
    url_name="rectification_verify",
    summary="核验整改",
    openapi_extra=body_openapi(VerifyIn),
)
def rectification_verify(request, pk: Id):
    rect = fetch(request, "rectification.verify", visible_rectifications, pk)
    payload = read_body(request, VerifyIn)
    return services.verify_rectification(
        by=request.user, rectification=rect, approve=payload.approve, note=payload.note
    )
