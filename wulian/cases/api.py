"""Cases over the API: the same selectors and services as the pages."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import root_areas, search_area, visible_areas
from wulian.cases import selectors, services
from wulian.cases.models import CaseCategory, Category, Method
from wulian.cases.models import Status as CaseStatus
from wulian.core.bounds import Date, Id, Pagination
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

# The API names its own enum (an OpenAPI component name stands for one schema only).

router = Router(tags=["cases 矛盾纠纷"])


class CaseOut(Schema):
    id: int
    area: str
    area_name: str
    category: CaseCategory
    title: str
    parties: str
    description: str
    source: str
    status: CaseStatus
    registered_at: dt.datetime
    resolution: str
    method: str
    resolved_by_org: int | None
    resolved_on: dt.date | None

    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name

    @staticmethod
    def resolve_resolved_by_org(obj):
        return obj.resolved_by_org_id


class TimelineOut(Schema):
    at: dt.datetime
    what: str
    text: str


class MyCaseOut(Schema):
    """A reporter's own case: what they reported and where it stands (no staff fields)."""

    id: int
    area_name: str
    category: CaseCategory
    title: str
    description: str
    status: CaseStatus
    registered_at: dt.datetime
    resolution: str
    method: str
    resolved_on: dt.date | None

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name


class MyCaseDetailOut(MyCaseOut):
    timeline: list[TimelineOut]

    @staticmethod
    def resolve_timeline(obj):
        return [
            {"at": r["at"], "what": str(r["what"]), "text": str(r["text"])}
            for r in selectors.timeline(obj)
        ]


class CaseIn(Schema):
    area: str
    category: CaseCategory
    title: str
    description: str
    parties: str = ""


class ReportIn(Schema):
    category: CaseCategory
    title: str
    description: str
    parties: str = ""


class CaseResolveIn(Schema):
    resolution: str
    method: Method
    resolved_on: Date | None = None
    resolved_by_org: Id | None = None


class StatsRow(Schema):
    area: str
    area_name: str
    counts: dict[str, int]
    total: int


class StatsOut(Schema):
    area: str
    area_name: str
    rows: list[StatsRow]
    totals: dict[str, int]
    total: int
    open: int


@router.get("/", response=list[CaseOut], url_name="case_list", summary="矛盾纠纷列表")
@paginate(Pagination)
def case_list(
    request,
    q: str = "",
    category: Category | None = None,
    status: CaseStatus | None = None,
    area: str | None = None,
):
    require(request, "case.view")
    return selectors.visible_cases(request.user).search(
        q=q.strip(),
        category=category or "",
        status=status or "",
        area=search_area(request.user, area),
    )


@router.post("/", response={201: CaseOut}, url_name="case_create", summary="登记矛盾纠纷")
def case_create(request, payload: CaseIn):
    require(request, "case.create")
    area = resolve_area_code(request, payload.area)
    data = payload.model_dump()
    data["area"] = area
    return Status(201, services.register_case(by=request.user, **data))


@router.post("/report/", response={201: CaseOut}, url_name="case_report", summary="居民反映问题")
def case_report(request, payload: ReportIn):
    require(request, "case.report")
    return Status(201, services.report_case(by=request.user, **payload.model_dump()))


@router.get("/mine/", response=list[MyCaseOut], url_name="case_mine_list", summary="我反映的问题")
@paginate(Pagination)
def case_mine_list(request):
    require(request, "case.follow")
    return selectors.reported_cases(request.user)


@router.get(
    "/mine/{int:pk}/",
    response=MyCaseDetailOut,
    url_name="case_mine_detail",
    summary="我反映的问题：详情和处理过程",
)
def case_mine_detail(request, pk: Id):
    return fetch(request, "case.follow", selectors.reported_cases, pk)


@router.get("/stats/", response=StatsOut, url_name="case_stats", summary="化解统计（按区域和类别）")
def case_stats(request, area: str | None = None):
    require(request, "case.view")
    if area:
        area_obj = visible_areas(request.user).filter(code=area.strip()).first()
    else:
        area_obj = root_areas(request.user).first()
    if area_obj is None:
        raise Http404
    stats = selectors.resolved_counts(request.user, area_obj)
    keys = [c.value for c in stats["categories"]]
    return {
        "area": area_obj.code,
        "area_name": area_obj.name,
        "rows": [
            {
                "area": r["area"].code,
                "area_name": r["area"].name,
                "counts": dict(zip(keys, r["counts"], strict=True)),
                "total": r["total"],
            }
            for r in stats["all_rows"]
        ],
        "totals": dict(zip(keys, stats["totals"], strict=True)),
        "total": stats["total"],
        "open": stats["open"],
    }


@router.get("/{int:pk}/", response=CaseOut, url_name="case_detail", summary="矛盾纠纷详情")
def case_detail(request, pk: Id):
    return fetch(request, "case.view", selectors.visible_cases, pk)


@router.post(
    "/{int:pk}/resolve/",
    response=CaseOut,
    url_name="case_resolve",
    summary="记录化解",
    openapi_extra=body_openapi(CaseResolveIn),
)
def case_resolve(request, pk: Id):
    case = fetch(request, "case.resolve", selectors.visible_cases, pk)
    org = None
    payload = read_body(request, CaseResolveIn)
    if payload.resolved_by_org is not None:
        org = resolve(request, visible_orgs, payload.resolved_by_org, "resolved_by_org")
    return services.resolve_case(
        case=case,
        by=request.user,
        resolution=payload.resolution,
        method=payload.method,
        resolved_on=payload.resolved_on,
        resolved_by_org=org,
    )
