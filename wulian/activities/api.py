"""党建活动 over the API: the same selectors and services as the pages."""

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import scope_for
from wulian.activities import selectors, services
from wulian.activities.models import Activity
from wulian.areas.selectors import search_area
from wulian.core.bounds import DateTime, Id, Pagination
from wulian.web.api_helpers import (
    body_openapi,
    fetch,
    read_body,
    require,
    resolve,
    resolve_area_code,
)

router = Router(tags=["activities 党建活动"])


class PartyActivityIn(Schema):
    kind: str  # party_class 坝坝党课 / red_lecture 流动红色讲堂 / volunteer 志愿服务
    title: str
    organiser: Id
    place: str
    starts_at: DateTime
    ends_at: DateTime
    description: str = ""


class PartyActivityCreateIn(PartyActivityIn):
    area: str  # the area's 12-digit code


class PartyActivityOut(Schema):
    id: int
    kind: str
    kind_display: str
    title: str
    organiser: Id
    organiser_name: str
    area: str
    area_name: str
    place: str
    starts_at: DateTime
    ends_at: DateTime
    description: str
    attendance: int  # counted from sign-ins

    @staticmethod
    def resolve_kind_display(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_organiser(obj):
        return obj.organiser_id

    @staticmethod
    def resolve_organiser_name(obj):
        return obj.organiser.name

    @staticmethod
    def resolve_area(obj):
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj):
        return obj.area.name


class SignInOut(Schema):
    id: int
    activity: int
    name: str
    via: str
    signed_in_at: dt.datetime
    created: bool = False

    @staticmethod
    def resolve_activity(obj):
        return obj.activity_id


class SignInIn(Schema):
    name: str


class ActivityCheckinIn(Schema):
    token: str
    name: str = ""


def _organiser(request, pk: Id):
    return resolve(request, selectors.organisers_for, pk, "organiser")


def _managed(user):
    return selectors.visible_activities(user).filter(scope_for(user).paths_q("area"))


@router.get("/", response=list[PartyActivityOut], url_name="activity_list", summary="党建活动列表")
@paginate(Pagination)
def activity_list(request, q: str = "", kind: str = "", area: str | None = None):
    require(request, "activity.view")
    return selectors.visible_activities(request.user).search(
        q=q.strip(), kind=kind, area=search_area(request.user, area)
    )


@router.post(
    "/", response={201: PartyActivityOut}, url_name="activity_create", summary="登记党建活动"
)
def activity_create(request, payload: PartyActivityCreateIn):
    require(request, "activity.create")
    area = resolve_area_code(request, payload.area)
    data = payload.model_dump(exclude={"area", "organiser"})
    activity = services.create_activity(
        by=request.user, area=area, organiser=_organiser(request, payload.organiser), **data
    )
    return Status(201, selectors.visible_activities(request.user).get(pk=activity.pk))


@router.get(
    "/{int:pk}/", response=PartyActivityOut, url_name="activity_detail", summary="党建活动详情"
)
def activity_detail(request, pk: Id):
    return fetch(request, "activity.view", selectors.visible_activities, pk)


@router.put(
    "/{int:pk}/",
    response=PartyActivityOut,
    url_name="activity_update",
    summary="修改党建活动",
    openapi_extra=body_openapi(PartyActivityIn),
)
def activity_update(request, pk: Id):
    activity: Activity = fetch(request, "activity.update", _managed, pk)
    payload = read_body(request, PartyActivityIn)
    services.update_activity(
        by=request.user,
        activity=activity,
        organiser=_organiser(request, payload.organiser),
        **payload.model_dump(exclude={"organiser"}),
    )
    return selectors.visible_activities(request.user).get(pk=pk)


@router.get(
    "/{int:pk}/signins/", response=list[SignInOut], url_name="activity_signins", summary="签到名单"
)
@paginate(Pagination)
def activity_signins(request, pk: Id):
    activity = fetch(request, "activity.view", selectors.visible_activities, pk)
    return selectors.signins(activity)


@router.post(
    "/{int:pk}/signins/",
    response={201: SignInOut},
    url_name="activity_signin_add",
    summary="登记签到",
    openapi_extra=body_openapi(SignInIn),
)
def activity_signin_add(request, pk: Id):
    activity = fetch(request, "activity.update", _managed, pk)
    payload = read_body(request, SignInIn)
    signin = services.record_signin(by=request.user, activity=activity, name=payload.name)
    signin.created = True
    return Status(201, signin)


@router.post("/checkin/", response=SignInOut, url_name="activity_checkin", summary="扫码签到")
def activity_checkin(request, payload: ActivityCheckinIn):
    require(request, "activity.checkin")
    signin, created = services.checkin(token=payload.token, by=request.user, name=payload.name)
    signin.created = created
    return signin
