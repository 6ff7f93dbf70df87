"""Duty lists, duties, progress and holidays over the API: the same selectors and services."""

import datetime as dt
from uuid import UUID

from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.core.bounds import Date, Id, Limit, Offset, Pagination, Year
from wulian.duties import services
from wulian.duties.models import Duty, DutyKind, DutyList, DutyStatus, Holiday
from wulian.duties.rules import can_keep_list, can_report, require_can
from wulian.duties.selectors import (
    visible_duties,
    visible_duty_lists,
    visible_holidays,
    with_colours,
)
from wulian.orgs.selectors import visible_orgs
from wulian.web.api_helpers import body_openapi, fetch, read_body, require, resolve, resolve_all

router = Router(tags=["duties 责任清单"])


class DutyListOut(Schema):
    id: int
    org: int
    org_name: str
    year: int
    kind: DutyKind

    @staticmethod
    def resolve_org(obj: DutyList) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj: DutyList) -> str:
        return obj.org.name


class DutyListIn(Schema):
    org: Id
    year: Year
    kind: DutyKind


class DutyOut(Schema):
    id: int
    duty_list: int
    kind: DutyKind
    title: str
    done_criteria: str
    lead_org: int
    lead_org_name: str
    responsible_person: str
    assigned_on: dt.date
    due_on: dt.date
    status: DutyStatus
    done_on: dt.date | None
    assignment: UUID | None
    assigned_by_org: int | None
    colour: str

    @staticmethod
    def resolve_duty_list(obj: Duty) -> int:
        return obj.duty_list_id

    @staticmethod
    def resolve_kind(obj: Duty) -> str:
        return obj.duty_list.kind

    @staticmethod
    def resolve_lead_org(obj: Duty) -> int:
        return obj.lead_org_id

    @staticmethod
    def resolve_lead_org_name(obj: Duty) -> str:
        return obj.lead_org.name

    @staticmethod
    def resolve_assigned_by_org(obj: Duty) -> int | None:
        return obj.assigned_by_org_id

    @staticmethod
    def resolve_colour(obj: Duty) -> str:
        return getattr(obj, "colour", "")


class DutyIn(Schema):
    title: str
    due_on: Date
    assigned_on: Date | None = None
    done_criteria: str = ""
    responsible_person: str = ""
    co_orgs: list[Id] = []


class AssignIn(DutyIn):
    kind: DutyKind
    targets: list[Id]


class ProgressIn(Schema):
    text: str
    done: bool = False


class ProgressOut(Schema):
    id: int
    duty: int
    text: str
    marks_done: bool
    reported_at: dt.datetime

    @staticmethod
    def resolve_duty(obj) -> int:
        return obj.duty_id


class HolidayOut(Schema):
    id: int
    date: dt.date
    name: str
    is_workday: bool


class HolidayIn(Schema):
    date: Date
    name: str
    is_workday: bool = False


class HolidayConfirmIn(Schema):
    year: Year
    note: str


class HolidayYearOut(Schema):
    year: int
    source: str
    note: str
    confirmed_at: dt.datetime


_coloured = with_colours


@router.get("/lists/", response=list[DutyListOut], url_name="duty_lists", summary="清单列表")
@paginate(Pagination)
def duty_lists(request, q: str = "", year: Year | None = None, kind: DutyKind | None = None):
    require(request, "duty.view")
    return visible_duty_lists(request.user).search(q=q.strip(), year=year, kind=kind or "")


@router.post(
    "/lists/", response={201: DutyListOut}, url_name="duty_list_create", summary="新增清单"
)
def duty_list_create(request, payload: DutyListIn):
    require(request, "duty.create")
    org = resolve(request, visible_orgs, payload.org, "org")
    return Status(
        201,
        services.create_duty_list(by=request.user, org=org, year=payload.year, kind=payload.kind),
    )


@router.get("/", response=list[DutyOut], url_name="duties", summary="清单事项")
def duties(
    request,
    q: str = "",
    kind: DutyKind | None = None,
    status: DutyStatus | None = None,
    year: Year | None = None,
    duty_list: Id | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
):
    require(request, "duty.view")
    qs = visible_duties(request.user).search(
        q=q.strip(), kind=kind or "", status=status or "", year=year
    )
    if duty_list:
        qs = qs.filter(duty_list_id=duty_list)
    return _coloured(list(qs[offset : offset + limit]))


@router.get("/{int:pk}/", response=DutyOut, url_name="duty_detail", summary="事项详情")
def duty_detail(request, pk: Id):
    require(request, "duty.view")
    return _coloured([get_in_scope_or_404(visible_duties(request.user), pk=pk)])[0]


@router.post(
    "/lists/{int:pk}/duties/",
    response={201: DutyOut},
    url_name="duty_create",
    summary="新增事项",
    openapi_extra=body_openapi(DutyIn),
)
def duty_create(request, pk: Id):
    duty_list = fetch(request, "duty.create", visible_duty_lists, pk)
    require_can(can_keep_list(request.user, duty_list.org), "duty list out of scope")
    payload = read_body(request, DutyIn)
    data = payload.model_dump()
    data["co_orgs"] = resolve_all(request, visible_orgs, data["co_orgs"], "co_orgs")
    duty = services.create_duty(by=request.user, duty_list=duty_list, **data)
    return Status(201, _coloured([duty])[0])


@router.post(
    "/assign/", response={201: list[DutyOut]}, url_name="duty_assign", summary="向下级单位下达事项"
)
def duty_assign(request, payload: AssignIn):
    require(request, "duty.assign")
    data = payload.model_dump()
    data["targets"] = resolve_all(request, visible_orgs, data["targets"], "targets")
    data["co_orgs"] = resolve_all(request, visible_orgs, data["co_orgs"], "co_orgs")
    return Status(201, _coloured(services.assign_duty(by=request.user, **data)))


@router.post(
    "/{int:pk}/progress/",
    response={201: ProgressOut},
    url_name="duty_report",
    summary="报告进展",
    openapi_extra=body_openapi(ProgressIn),
)
def duty_report(request, pk: Id):
    duty = fetch(request, "duty.report", visible_duties, pk)
    require_can(can_report(request.user, duty), "duty.report")  # 403 before the body is read
    payload = read_body(request, ProgressIn)
    return Status(
        201,
        services.report_progress(by=request.user, duty=duty, text=payload.text, done=payload.done),
    )


@router.get("/holidays/", response=list[HolidayOut], url_name="duty_holidays", summary="节假日")
def holidays(request, year: Year | None = None):
    require(request, "holiday.view")
    qs = visible_holidays(request.user)
    return list(qs.filter(date__year=year) if year else qs)


@router.post(
    "/holidays/", response={201: HolidayOut}, url_name="duty_holiday_create", summary="新增节假日"
)
def holiday_create(request, payload: HolidayIn):
    require(request, "holiday.manage")
    return Status(201, services.create_holiday(by=request.user, **payload.model_dump()))


@router.post(
    "/holidays/confirm/",
    response={201: HolidayYearOut},
    url_name="duty_holiday_confirm",
    summary="确认年度节假日安排（按国务院通知录入后）",
)
def holiday_confirm(request, payload: HolidayConfirmIn):
    require(request, "holiday.manage")
    return Status(201, services.confirm_holiday_year(by=request.user, **payload.model_dump()))


@router.put(
    "/holidays/{int:pk}/",
    response=HolidayOut,
    url_name="duty_holiday_update",
    summary="修改节假日",
    openapi_extra=body_openapi(HolidayIn),
)
def holiday_update(request, pk: Id):
    holiday = fetch(request, "holiday.manage", visible_holidays, pk)
    payload = read_body(request, HolidayIn)
    return services.update_holiday(by=request.user, holiday=holiday, **payload.model_dump())


@router.delete(
    "/holidays/{int:pk}/",
    response={204: None},
    url_name="duty_holiday_delete",
    summary="删除节假日",
)
def holiday_delete(request, pk: Id):
    holiday = fetch(request, "holiday.manage", visible_holidays, pk)
    services.delete_holiday(by=request.user, holiday=holiday)
    return Status(204, None)


__all__ = ["router", "Holiday"]
