"""一月一现场会 / 一季一督导 over the API: the same selectors and services as the pages."""

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.areas.selectors import search_area
from wulian.core.bounds import Id, Int, Pagination, Year
from wulian.schedules import selectors, services
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

router = Router(tags=["schedules 现场会与督导"])


class ScheduleIn(Schema):
    place: str = ""
    day: Int = 15
    target: Id | None = None  # the inspected org (一季一督导)
    active: bool = True


class ScheduleCreateIn(Schema):
    area: str  # 12-digit code of a street, district or the city
    kind: str  # onsite_meeting 一月一现场会 / inspection 一季一督导
    place: str = ""
    day: Int = 15
    target: Id | None = None


class ScheduleOut(Schema):
    id: int
    area: str
    area_name: str
    kind: str
    org: int
    target: int | None
    place: str
    day: int
    active: bool

    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name

    @staticmethod
    def resolve_org(obj):
        return obj.org_id

    @staticmethod
    def resolve_target(obj):
        return obj.target_id


class OccurrenceOut(Schema):
    id: int
    schedule: int
    area: str
    kind: str
    period_start: dt.date
    period_end: dt.date
    meeting: int | None
    inspection: int | None
    status: str
    missed_at: dt.datetime | None

    @staticmethod
    def resolve_schedule(obj):
        return obj.schedule_id

    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_meeting(obj):
        return obj.meeting_id

    @staticmethod
    def resolve_inspection(obj):
        return obj.inspection_id


def _target(request, pk: Id | None):
    return resolve(request, selectors.targets_for, pk, "target")


@router.get(
    "/", response=list[ScheduleOut], url_name="schedule_list", summary="现场会与督导计划列表"
)
@paginate(Pagination)
def schedule_list(request, kind: str = "", area: str | None = None):
    require(request, "schedule.view")
    return selectors.visible_schedules(request.user).search(
        kind=kind, area=search_area(request.user, area)
    )


@router.post(
    "/", response={201: ScheduleOut}, url_name="schedule_create", summary="设置现场会与督导计划"
)
def schedule_create(request, payload: ScheduleCreateIn):
    require(request, "schedule.manage")
    area = resolve_area_code(request, payload.area)
    schedule = services.create_schedule(
        by=request.user,
        area=area,
        kind=payload.kind,
        place=payload.place,
        day=payload.day,
        target=_target(request, payload.target),
    )
    return Status(201, schedule)


@router.get("/{int:pk}/", response=ScheduleOut, url_name="schedule_detail", summary="计划详情")
def schedule_detail(request, pk: Id):
    return fetch(request, "schedule.view", selectors.visible_schedules, pk)


@router.put(
    "/{int:pk}/",
    response=ScheduleOut,
    url_name="schedule_update",
    summary="修改计划",
    openapi_extra=body_openapi(ScheduleIn),
)
def schedule_update(request, pk: Id):
    schedule = fetch(request, "schedule.manage", selectors.visible_schedules, pk)
    payload = read_body(request, ScheduleIn)
    return services.update_schedule(
        by=request.user,
        schedule=schedule,
        place=payload.place,
        day=payload.day,
        target=_target(request, payload.target),
        active=payload.active,
    )


@router.get(
    "/occurrences/",
    response=list[OccurrenceOut],
    url_name="occurrence_list",
    summary="各期落实情况（含未落实）",
)
@paginate(Pagination)
def occurrence_list(
    request, kind: str = "", status: str = "", area: str | None = None, year: Year | None = None
):
    require(request, "schedule.view")
    return selectors.visible_occurrences(request.user).search(
        kind=kind, status=status, year=year, area=search_area(request.user, area)
    )
