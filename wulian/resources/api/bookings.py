"""Bookings over the API: residents book what they may and see their own; units decide and
check in."""

import datetime as dt

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.core.bounds import Id, Pagination
from wulian.resources import services
from wulian.resources.api import router
from wulian.resources.api.schemas import (
    BookingIn,
    BookingNoteIn,
    BookingOut,
    ResourceOut,
    ResourceReasonIn,
)
from wulian.resources.calendar import booking_ics
from wulian.resources.models import BookingStatus, ResourceKind
from wulian.resources.selectors import (
    bookable_resources,
    my_bookings,
    visible_bookings,
    with_children,
)
from wulian.web.api_helpers import body_openapi, fetch, read_body, require


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


# ------------------------------------------------------------------------------- residents


@router.get(
    "/bookable/", response=list[ResourceOut], url_name="resource_bookable", summary="我可预约的资源"
)
@paginate(Pagination)
def resource_bookable(request, kind: ResourceKind | None = None):
    require(request, "resource.browse")
    qs = bookable_resources(request.user)
    if kind:
        qs = qs.filter(kind=kind)
    return with_children(qs)


@router.post(
    "/bookable/{int:pk}/book/",
    response={201: BookingOut},
    url_name="resource_book",
    summary="预约",
    openapi_extra=body_openapi(BookingIn),
)
def resource_book(request, pk: Id):
    resource = fetch(request, "resource.book", bookable_resources, pk)
    payload = read_body(request, BookingIn)
    booking = services.book_resource(
        resource=resource,
        by=request.user,
        start=_aware(payload.start),
        end=_aware(payload.end),
        quantity=payload.quantity,
        note=payload.note,
        plate=payload.plate,
    )
    return Status(201, booking)


@router.get("/my-bookings/", response=list[BookingOut], url_name="booking_mine", summary="我的预约")
@paginate(Pagination)
def booking_mine(request):
    require(request, "resource.book")
    return my_bookings(request.user).order_by("-start", "-pk")


@router.get(
    "/my-bookings/{int:pk}/",
    response=BookingOut,
    url_name="booking_mine_detail",
    summary="我的预约详情",
)
def booking_mine_detail(request, pk: Id):
    return fetch(request, "resource.book", my_bookings, pk)


@router.get(
    "/my-bookings/{int:pk}/ics/", url_name="booking_mine_ics", summary="我的预约（iCalendar）"
)
def booking_mine_ics(request, pk: Id):
    booking = fetch(request, "resource.book", my_bookings, pk)
    if not services.is_own_booking(booking, request.user):
        raise Http404
    text = booking_ics(booking)
    return HttpResponse(text, content_type="text/calendar; charset=utf-8")


@router.post(
    "/my-bookings/{int:pk}/cancel/",
    response=BookingOut,
    url_name="booking_mine_cancel",
    summary="取消我的预约",
    openapi_extra=body_openapi(ResourceReasonIn),
)
def booking_mine_cancel(request, pk: Id):
    booking = fetch(request, "resource.book", my_bookings, pk)
    payload = read_body(request, ResourceReasonIn)
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


@router.get(
    "/bookings/{int:pk}/", response=BookingOut, url_name="booking_detail", summary="预约详情"
)
def booking_detail(request, pk: Id):
    return fetch(request, "booking.view", visible_bookings, pk)


@router.post(
    "/bookings/{int:pk}/approve/",
    response=BookingOut,
    url_name="booking_approve",
    summary="通过预约",
    openapi_extra=body_openapi(BookingNoteIn),
)
def booking_approve(request, pk: Id):
    booking = fetch(request, "booking.decide", visible_bookings, pk)
    payload = read_body(request, BookingNoteIn)
    return services.approve_booking(booking=booking, by=request.user, note=payload.note)


@router.post(
    "/bookings/{int:pk}/reject/",
    response=BookingOut,
    url_name="booking_reject",
    summary="不通过预约",
    openapi_extra=body_openapi(BookingNoteIn),
)
def booking_reject(request, pk: Id):
    booking = fetch(request, "booking.decide", visible_bookings, pk)
    payload = read_body(request, BookingNoteIn)
    return services.reject_booking(booking=booking, by=request.user, note=payload.note)


@router.post(
    "/bookings/{int:pk}/check-in/", response=BookingOut, url_name="booking_check_in", summary="签到"
)
def booking_check_in(request, pk: Id):
    booking = fetch(request, "booking.check_in", visible_bookings, pk)
    return services.check_in_booking(booking=booking, by=request.user)
