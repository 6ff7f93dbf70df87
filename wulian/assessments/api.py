"""政绩考核 and 述职评议 over the API: the same selectors and services as the pages."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import search_area
from wulian.assessments import selectors, services
from wulian.assessments.models import Indicator
from wulian.core.bounds import Id, Int, Pagination, Year
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

router = Router(tags=["assessments 政绩考核与述职评议"])


class SystemIn(Schema):
    area: str  # 12-digit code of the city, a district or a street
    year: Year
    name: str = ""


class IndicatorIO(Schema):
    name: str
    weight: Int  # the weights of a system sum to 100
    source: (
        str  # needs_served / agreements_fulfilled / rectifications_on_time / satisfaction / manual
    )


class IndicatorOut(IndicatorIO):
    id: int


class SystemOut(Schema):
    id: int
    area: str
    area_name: str
    year: int
    name: str

    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name


class RowOut(Schema):
    org: int
    org_name: str
    area: str
    scores: list[Decimal | None]
    total: Decimal
    rank: int
    grade: str


class TableOut(Schema):
    system: SystemOut
    indicators: list[IndicatorOut]
    rows: list[RowOut]


class ScoresIn(Schema):
    scores: dict[Id, str]  # org id → score 0–100 ("" clears)


class WorkReportIn(Schema):
    org: Id
    year: Year
    secretary: str
    text: str


class WorkReportOut(Schema):
    id: int
    org: int
    org_name: str
    area: str
    year: int
    secretary: str
    text: str
    submitted_at: dt.datetime
    grade: str
    score: Decimal | None
    comment: str

    @staticmethod
    def resolve_org(obj):
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj):
        return obj.org.name

    @staticmethod
    def resolve_area(obj):
        return obj.area.code


class EvaluateIn(Schema):
    grade: str  # excellent 好 / good 较好 / fair 一般 / poor 差
    score: str = ""
    comment: str = ""


def _table(system) -> dict:
    t = selectors.table(system)
    return {
        "system": system,
        "indicators": t.indicators,
        "rows": [
            {
                "org": r.org.pk,
                "org_name": r.org.name,
                "area": r.area.code,
                "scores": r.scores,
                "total": r.total,
                "rank": r.rank,
                "grade": r.report.grade if r.report else "",
            }
            for r in t.rows
        ],
    }


@router.get("/", response=list[SystemOut], url_name="assessment_list", summary="考核指标体系列表")
@paginate(Pagination)
def assessment_list(request, year: Year | None = None, area: str | None = None):
    require(request, "assessment.view")
    return selectors.visible_systems(request.user).search(
        year=year, area=search_area(request.user, area)
    )


@router.post(
    "/", response={201: SystemOut}, url_name="assessment_create", summary="建立考核指标体系"
)
def assessment_create(request, payload: SystemIn):
    require(request, "assessment.manage")
    area = resolve_area_code(request, payload.area)
    return Status(
        201,
        services.create_system(by=request.user, area=area, year=payload.year, name=payload.name),
    )


@router.get(
    "/{int:pk}/", response=TableOut, url_name="assessment_detail", summary="考核指标体系与考核结果"
)
def assessment_detail(request, pk: Id):
    return _table(fetch(request, "assessment.view", selectors.visible_systems, pk))


@router.put(
    "/{int:pk}/indicators/",
    response=TableOut,
    url_name="assessment_indicators",
    summary="设置指标和权重（权重合计100）",
    openapi_extra=body_openapi(list[IndicatorIO]),
)
def assessment_indicators(request, pk: Id):
    system = fetch(request, "assessment.manage", selectors.visible_systems, pk)
    payload = read_body(request, list[IndicatorIO])
    services.set_indicators(
        by=request.user, system=system, indicators=[i.model_dump() for i in payload]
    )
    return _table(system)


@router.put(
    "/indicators/{int:pk}/scores/",
    response=TableOut,
    url_name="assessment_scores",
    summary="人工评分指标的评分",
    openapi_extra=body_openapi(ScoresIn),
)
def assessment_scores(request, pk: Id):
    indicator = fetch(
        request,
        "assessment.manage",
        lambda user: Indicator.objects.filter(
            system__in=selectors.visible_systems(user)
        ).select_related("system__area"),
        pk,
    )
    payload = read_body(request, ScoresIn)
    services.score_manual(by=request.user, indicator=indicator, scores=payload.scores)
    return _table(indicator.system)


@router.get(
    "/reports/", response=list[WorkReportOut], url_name="report_list", summary="书记述职列表"
)
@paginate(Pagination)
def report_list(request, year: Year | None = None, grade: str = "", area: str | None = None):
    require(request, "work_report.view")
    return selectors.visible_reports(request.user).search(
        year=year, grade=grade, area=search_area(request.user, area)
    )


@router.post(
    "/reports/", response={201: WorkReportOut}, url_name="report_create", summary="提交书记述职报告"
)
def report_create(request, payload: WorkReportIn):
    require(request, "work_report.submit")
    org = resolve(request, selectors.reportable_orgs, payload.org, "org")
    return Status(
        201,
        services.submit_report(
            by=request.user,
            org=org,
            year=payload.year,
            secretary=payload.secretary,
            text=payload.text,
        ),
    )


@router.get(
    "/reports/{int:pk}/", response=WorkReportOut, url_name="report_detail", summary="书记述职详情"
)
def report_detail(request, pk: Id):
    return fetch(request, "work_report.view", selectors.visible_reports, pk)


@router.post(
    "/reports/{int:pk}/evaluate/",
    response=WorkReportOut,
    url_name="report_evaluate",
    summary="述职评议",
    openapi_extra=body_openapi(EvaluateIn),
)
def report_evaluate(request, pk: Id):
    report = fetch(request, "work_report.evaluate", selectors.evaluable_reports, pk)
    payload = read_body(request, EvaluateIn)
    return services.evaluate_report(by=request.user, report=report, **payload.model_dump())
