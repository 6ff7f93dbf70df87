"""Shared resources and bookings over the API: the same selectors and services as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas.models import Area
from wulian.areas.selectors import search_area
from wulian.core.bounds import Date, DateTime, Fee, Id, Int, Pagination
from wulian.core.ics import make_ics
from wulian.orgs.models import Org
from wulian.resources import services
from wulian.resources.models import (
    Booking,
    BookingStatus,
    FeeUnit,
    Resource,
    ResourceKind,
    Terms,
)
from wulian.resources.selectors import (
    bookable_resources,
    my_bookings,
    visible_bookings,
    visible_resources,
    with_children,
)
from wulian.web.api_helpers import fetch, require

router = Router(tags=["resources 共享资源与预约"])
MAX_LIMIT = 500


class HoursSchema(Schema):
    weekday: Int  # 0 = 星期一 … 6 = 星期日
    start: dt.time
    end: dt.time


class BlackoutSchema(Schema):
    date: Date
    reason: str = ""


class ResourceOut(Schema):
    id: int
    name: str
    kind: ResourceKind
    org: int
    org_name: str
    area: str
    area_name: str
    location: str
    capacity: int
    capacity_unit: str
    description: str
    requires_approval: bool
    terms: Terms
    terms_text: str
    fee_amount: Decimal | None
    fee_unit: FeeUnit
    fee_display: str  # what a resident pays: "免费", "2.00元/小时"
    per_person_day: int
    per_person_week: int
    per_household_day: int
    per_household_week: int
    is_open: bool
    opened_since: dt.datetime | None
    closed_since: dt.datetime | None
    version: int
    hours: list[HoursSchema]
    blackouts: list[BlackoutSchema]
    eligible_areas: list[str]
    eligible_orgs: list[int]

    @staticmethod
    def resolve_org(obj: Resource) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj: Resource) -> str:
        return obj.org.name

    @staticmethod
    def resolve_area(obj: Resource) -> str:
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj: Resource) -> str:
        return obj.area.name

    @staticmethod
    def resolve_hours(obj: Resource) -> list[dict]:
        return obj.hours_rows

    @staticmethod
    def resolve_blackouts(obj: Resource) -> list[dict]:
        return obj.blackout_rows

    @staticmethod
    def resolve_eligible_areas(obj: Resource) -> list[str]:
        return obj.eligible_area_codes

    @staticmethod
    def resolve_eligible_orgs(obj: Resource) -> list[int]:
        return obj.eligible_org_ids


class ResourceIn(Schema):
    org: Id
    name: str
    kind: ResourceKind
    area: str  # 12-digit area code
    capacity: Int
    location: str = ""
    capacity_unit: str = ""
    description: str = ""
    requires_approval: bool = False
    terms: Terms = Terms.FREE
    terms_text: str = ""
    fee_amount: Fee | None = None
    fee_unit: FeeUnit = FeeUnit.PER_BOOKING
    per_person_day: Int = 2
    per_person_week: Int = 6
    per_household_day: Int = 4
    per_household_week: Int = 12
    hours: list[HoursSchema] = []
    blackouts: list[BlackoutSchema] = []
    eligible_areas: list[str] = []
    eligible_orgs: list[Id] = []


class ResourcePatch(Schema):
    name: str | None = None
    kind: ResourceKind | None = None
    area: str | None = None
    capacity: Int | None = None
    location: str | None = None
    capacity_unit: str | None = None
    description: str | None = None
    requires_approval: bool | None = None
    terms: Terms | None = None
    terms_text: str | None = None
    fee_amount: Fee | None = None
    fee_unit: FeeUnit | None = None
    per_person_day: Int | None = None
    per_person_week: Int | None = None
    per_household_day: Int | None = None
    per_household_week: Int | None = None
    hours: list[HoursSchema] | None = None
    blackouts: list[BlackoutSchema] | None = None
    eligible_areas: list[str] | None = None
    eligible_orgs: list[Id] | None = None


class ResourceReasonIn(Schema):
    reason: str = ""


class BookingNoteIn(Schema):
    note: str = ""


class BookingIn(Schema):
    start: DateTime  # without an offset, Chengdu time
    end: DateTime
    quantity: Int = 1
    note: str = ""
    plate: str = ""  # licence plate, required for parking (川A12345, new-energy 川AD12345)


class BookingOut(Schema):
    id: int
    resource: int
    resource_name: str
    person_name: str
    start: dt.datetime
    end: dt.datetime
    quantity: int
    status: BookingStatus
    note: str
    plate: str
    fee: Decimal | None  # quoted when booked, in yuan; null when free
    decision_note: str
    created_at: dt.datetime

    @staticmethod
    def resolve_resource(obj: Booking) -> int:
        return obj.resource_id

    @staticmethod
    def resolve_resource_name(obj: Booking) -> str:
        return obj.resource.name

    @staticmethod
    def resolve_person_name(obj: Booking) -> str:
        return obj.person.name


def _full(qs):
    return with_children(qs)


def _area(user, code: str) -> Area:
    code = (code or "").strip()
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise ValidationError({"area": _("区划代码“%(c)s”不存在。") % {"c": code}})
    return area


def _areas(codes: list[str]) -> list[Area]:
    found = {a.code: a for a in Area.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError({"eligible_areas": _("区划代码不存在：%(c)s。") % {"c": "、".join(missing)}})
    return [found[c] for c in codes]


def _orgs(ids: list[int]) -> list[Org]:
    found = {o.pk: o for o in Org.objects.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError({"eligible_orgs": _("组织不存在：%(c)s。") % {"c": "、".join(missing)}})
    return [found[i] for i in ids]


def _unit(user, pk: int) -> Org:
    unit = scope_for(user).filter(Org.objects.units(), area="area", org="pk").filter(pk=pk).first()
    if unit is None:
        raise ValidationError({"org": _("单位 %(id)s 不存在或不在您的范围内。") % {"id": pk}})
    return unit


def _children(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if data.get("hours") is not None:
        out["hours"] = [(h["weekday"], h["start"], h["end"]) for h in data["hours"]]
    if data.get("blackouts") is not None:
        out["blackouts"] = [(b["date"], b.get("reason", "")) for b in data["blackouts"]]
    if data.get("eligible_areas") is not None:
        out["eligible_areas"] = _areas(data["eligible_areas"])
    if data.get("eligible_orgs") is not None:
        out["eligible_orgs"] = _orgs(data["eligible_orgs"])
    return out


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


# ------------------------------------------------------------------------------- resources


@router.get("/", response=list[ResourceOut], url_name="resource_list", summary="共享资源清单")
@paginate(Pagination)
def resource_list(request, q: str = "", kind: ResourceKind | None = None, terms: Terms | None = None,
                  area: str | None = None, is_open: bool | None = None, line: Id | None = None):
    """The inventory in the caller's subtrees, units and lines; `area` (a code) keeps that
    subtree, `line` (the id of a 条线部门) the resources of that line's units."""
    require(request, "resource.view")
    return _full(visible_resources(request.user).search(q=q.strip(), kind=kind or "", terms=terms or "",
                                                        area=search_area(request.user, area), is_open=is_open,
                                                        line=line))


@router.get("/{int:pk}/", response=ResourceOut, url_name="resource_detail", summary="共享资源详情")
def resource_detail(request, pk: Id):
    require(request, "resource.view")
    return get_in_scope_or_404(_full(visible_resources(request.user)), pk=pk)


@router.post("/", response={201: ResourceOut}, url_name="resource_create", summary="发布共享资源")
def resource_create(request, payload: ResourceIn):
    require(request, "resource.create")
    data = payload.model_dump()
    fields = {k: v for k, v in data.items() if k not in ("hours", "blackouts", "eligible_areas", "eligible_orgs")}
    fields["org"] = _unit(request.user, data["org"])
    fields["area"] = _area(request.user, data["area"])
    resource = services.create_resource(by=request.user, **fields, **_children(data))
    return Status(201, _full(Resource.objects.select_related("org", "area")).get(pk=resource.pk))


@router.patch("/{int:pk}/", response=ResourceOut, url_name="resource_update", summary="修改共享资源")
def resource_update(request, pk: Id, payload: ResourcePatch):
    """Change the fields sent; the change becomes a new version in the resource's history."""
    resource = fetch(request, "resource.update", visible_resources, pk)
    data = payload.model_dump(exclude_unset=True)
    fields = {k: v for k, v in data.items() if k not in ("hours", "blackouts", "eligible_areas", "eligible_orgs")}
    if "area" in fields:
        fields["area"] = _area(request.user, fields["area"] or "")
    for key in ("name", "location", "capacity_unit", "description", "terms_text"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    for key in ("fee_unit", "per_person_day", "per_person_week", "per_household_day", "per_household_week"):
        if key in fields and fields[key] is None:
            del fields[key]
    services.update_resource(resource=resource, by=request.user, **fields, **_children(data))
    return _full(Resource.objects.select_related("org", "area")).get(pk=resource.pk)


@router.post("/{int:pk}/open/", response=ResourceOut, url_name="resource_open", summary="开放共享资源")
def resource_open(request, pk: Id, payload: ResourceReasonIn):
    resource = fetch(request, "resource.update", visible_resources, pk)
    services.open_resource(resource=resource, by=request.user, reason=payload.reason)
    return _full(Resource.objects.select_related("org", "area")).get(pk=resource.pk)


@router.post("/{int:pk}/close/", response=ResourceOut, url_name="resource_close", summary="关闭共享资源")
def resource_close(request, pk: Id, payload: ResourceReasonIn):
    resource = fetch(request, "resource.update", visible_resources, pk)
    services.close_resource(resource=resource, by=request.user, reason=payload.reason)
    return _full(Resource.objects.select_related("org", "area")).get(pk=resource.pk)


# ------------------------------------------------------------------------------- residents


@router.get("/bookable/", response=list[ResourceOut], url_name="resource_bookable", summary="我可预约的资源")
@paginate(Pagination)
def resource_bookable(request, kind: ResourceKind | None = None):
    require(request, "resource.browse")
    qs = bookable_resources(request.user)
    if kind:
        qs = qs.filter(kind=kind)
    return _full(qs)


@router.post("/bookable/{int:pk}/book/", response={201: BookingOut}, url_name="resource_book", summary="预约")
def resource_book(request, pk: Id, payload: BookingIn):
    resource = fetch(request, "resource.book", bookable_resources, pk)
    booking = services.book_resource(resource=resource, by=request.user, start=_aware(payload.start),
                                     end=_aware(payload.end), quantity=payload.quantity, note=payload.note,
                                     plate=payload.plate)
    return Status(201, booking)


@router.get("/my-bookings/", response=list[BookingOut], url_name="booking_mine", summary="我的预约")
@paginate(Pagination)
def booking_mine(request):
    require(request, "resource.book")
    return my_bookings(request.user).order_by("-start", "-pk")


@router.get("/my-bookings/{int:pk}/", response=BookingOut, url_name="booking_mine_detail", summary="我的预约详情")
def booking_mine_detail(request, pk: Id):
    return fetch(request, "resource.book", my_bookings, pk)


@router.get("/my-bookings/{int:pk}/ics/", url_name="booking_mine_ics", summary="我的预约（iCalendar）")
def booking_mine_ics(request, pk: Id):
    booking = fetch(request, "resource.book", my_bookings, pk)
    if not services.is_own_booking(booking, request.user):
        raise Http404
    text = make_ics(uid=f"booking-{booking.pk}@wulian", start=booking.start, end=booking.end,
                    summary=_("预约：%(r)s") % {"r": booking.resource.name},
                    location=f"{booking.resource.org.name} {booking.resource.location}".strip())
    return HttpResponse(text, content_type="text/calendar; charset=utf-8")


@router.post("/my-bookings/{int:pk}/cancel/", response=BookingOut, url_name="booking_mine_cancel", summary="取消我的预约")
def booking_mine_cancel(request, pk: Id, payload: ResourceReasonIn):
    booking = fetch(request, "resource.book", my_bookings, pk)
    return services.cancel_booking(booking=booking, by=request.user, reason=payload.reason)


# ------------------------------------------------------------------------------- unit side


@router.get("/bookings/", response=list[BookingOut], url_name="booking_list", summary="预约管理")
@paginate(Pagination)
def booking_list(request, status: BookingStatus | None = None, resource: Id | None = None):
    require(request, "booking.view")
    qs = visible_bookings(request.user).order_by("start", "pk")
    if status:
        qs = qs.filter(status=status)
    if resource:
        qs = qs.filter(resource_id=resource)
    return qs


@router.get("/bookings/{int:pk}/", response=BookingOut, url_name="booking_detail", summary="预约详情")
def booking_detail(request, pk: Id):
    return fetch(request, "booking.view", visible_bookings, pk)


@router.post("/bookings/{int:pk}/approve/", response=BookingOut, url_name="booking_approve", summary="通过预约")
def booking_approve(request, pk: Id, payload: BookingNoteIn):
    booking = fetch(request, "booking.decide", visible_bookings, pk)
    return services.approve_booking(booking=booking, by=request.user, note=payload.note)


@router.post("/bookings/{int:pk}/reject/", response=BookingOut, url_name="booking_reject", summary="不通过预约")
def booking_reject(request, pk: Id, payload: BookingNoteIn):
    booking = fetch(request, "booking.decide", visible_bookings, pk)
    return services.reject_booking(booking=booking, by=request.user, note=payload.note)


@router.post("/bookings/{int:pk}/check-in/", response=BookingOut, url_name="booking_check_in", summary="签到")
def booking_check_in(request, pk: Id):
    booking = fetch(request, "booking.check_in", visible_bookings, pk)
    return services.check_in_booking(booking=booking, by=request.user)
