"""The permission matrix's rows for shared resources and bookings: pages and API.

Targets (core/demo.py + resources/demo.py): 华西医院's parking in 黉门街社区 and 四川省图书馆's hall
in 西华门社区; 李秀英's parking booking and 张敏's hall booking. The resident pages are scoped by
eligibility and ownership, which the matrix expresses through the person: a booking is in scope
for its own person only; the parking is bookable by both demo people (李秀英 and 王建国 live in
黉门街社区, so it carries no scope), the hall by neither (it is for 西华门社区)."""

from wulian.resources.models import Booking, Resource
from wulian.web.testing import Target, UrlCase


def _parking(world) -> Resource:
    return Resource.objects.get(org=world.orgs["huaxi"], kind="parking")


def _hall(world) -> Resource:
    return Resource.objects.get(org=world.orgs["library"], kind="venue")


def _resources(world) -> list[Target]:
    return [Target({"pk": r.pk}, area=r.area, org=r.org) for r in (_parking(world), _hall(world))]


def _bookable(world) -> list[Target]:
    hall = _hall(world)
    return [Target({"pk": _parking(world).pk}), Target({"pk": hall.pk}, area=hall.area)]


def _bookings(world) -> list[Target]:
    li = Booking.objects.get(resource=_parking(world), person=world.people["li_xiuying"])
    zhang = Booking.objects.get(resource=_hall(world), person=world.people["zhang_min"])
    return [Target({"pk": b.pk}, area=b.resource.area, org=b.resource.org) for b in (li, zhang)]


def _my_bookings(world) -> list[Target]:
    li = Booking.objects.get(resource=_parking(world), person=world.people["li_xiuying"])
    zhang = Booking.objects.get(resource=_hall(world), person=world.people["zhang_min"])
    return [Target({"pk": li.pk}, person=li.person), Target({"pk": zhang.pk}, person=zhang.person)]


def _bad_resource(world) -> dict:
    # Passes the schema, fails the service (capacity 0): the 422 path, nothing written.
    return {
        "org": world.orgs["huaxi"].pk,
        "name": "x",
        "kind": "parking",
        "area": "510107005008",
        "capacity": 0,
    }


def _past_slot(world) -> dict:
    return {"start": "2020-01-01T09:00:00", "end": "2020-01-01T10:00:00", "quantity": 1}


CASES = [
    # inventory and resource management
    UrlCase("resources:inventory", action="resource.view", expect=200),
    UrlCase("resources:export", action="resource.export", expect=200),
    UrlCase("resources:create", action="resource.create", expect=200),
    UrlCase(
        "resources:create",
        action="resource.create",
        method="post",
        data=lambda w: {"name": ""},
        expect=200,
    ),
    UrlCase("resources:detail", action="resource.view", targets=_resources, expect=200),
    UrlCase("resources:edit", action="resource.update", targets=_resources, expect=200),
    UrlCase(
        "resources:open", action="resource.update", method="post", targets=_resources, expect=302
    ),
    UrlCase(
        "resources:close",
        action="resource.update",
        method="post",
        targets=_resources,
        data=lambda w: {"reason": "施工"},
        expect=302,
    ),
    # bookings on the unit's side
    UrlCase("resources:booking_list", action="booking.view", expect=200),
    UrlCase("resources:booking_detail", action="booking.view", targets=_bookings, expect=200),
    UrlCase(
        "resources:approve", action="booking.decide", method="post", targets=_bookings, expect=302
    ),
    UrlCase(
        "resources:reject", action="booking.decide", method="post", targets=_bookings, expect=302
    ),
    UrlCase(
        "resources:check_in",
        action="booking.check_in",
        method="post",
        targets=_bookings,
        expect=302,
    ),
    # residents
    UrlCase("resources:browse", action="resource.browse", expect=200),
    UrlCase("resources:book", action="resource.book", targets=_bookable, expect=200),
    UrlCase(
        "resources:book",
        action="resource.book",
        method="post",
        targets=_bookable,
        data=lambda w: {
            "date": "2020-01-01",
            "start_time": "09:00",
            "end_time": "10:00",
            "quantity": "1",
        },
        expect=200,
    ),
    UrlCase("resources:my_bookings", action="resource.book", expect=200),
    UrlCase("resources:my_booking", action="resource.book", targets=_my_bookings, expect=200),
    UrlCase("resources:my_booking_ics", action="resource.book", targets=_my_bookings, expect=200),
    UrlCase(
        "resources:my_booking_cancel",
        action="resource.book",
        method="post",
        targets=_my_bookings,
        expect=302,
    ),
    # API
    UrlCase("api:resource_list", action="resource.view", api=True, expect=200),
    UrlCase(
        "api:resource_detail", action="resource.view", api=True, targets=_resources, expect=200
    ),
    UrlCase(
        "api:resource_create",
        action="resource.create",
        api=True,
        method="post",
        data=_bad_resource,
        expect=422,
    ),
    UrlCase(
        "api:resource_update",
        action="resource.update",
        api=True,
        method="patch",
        targets=_resources,
        data=lambda w: {"capacity": 0},
        expect=422,
    ),
    UrlCase(
        "api:resource_open",
        action="resource.update",
        api=True,
        method="post",
        targets=_resources,
        data=lambda w: {},
        expect=422,
    ),
    UrlCase(
        "api:resource_close",
        action="resource.update",
        api=True,
        method="post",
        targets=_resources,
        data=lambda w: {"reason": "检修"},
        expect=200,
    ),
    UrlCase("api:resource_bookable", action="resource.browse", api=True, expect=200),
    UrlCase(
        "api:resource_book",
        action="resource.book",
        api=True,
        method="post",
        targets=_bookable,
        data=_past_slot,
        expect=422,
    ),
    UrlCase("api:booking_mine", action="resource.book", api=True, expect=200),
    UrlCase(
        "api:booking_mine_detail",
        action="resource.book",
        api=True,
        targets=_my_bookings,
        expect=200,
    ),
    UrlCase(
        "api:booking_mine_ics", action="resource.book", api=True, targets=_my_bookings, expect=200
    ),
    UrlCase(
        "api:booking_mine_cancel",
        action="resource.book",
        api=True,
        method="post",
        targets=_my_bookings,
        data=lambda w: {},
        expect=200,
    ),
    UrlCase("api:booking_list", action="booking.view", api=True, expect=200),
    UrlCase("api:booking_detail", action="booking.view", api=True, targets=_bookings, expect=200),
    UrlCase(
        "api:booking_approve",
        action="booking.decide",
        api=True,
        method="post",
        targets=_bookings,
        data=lambda w: {},
        expect=None,
    ),
    UrlCase(
        "api:booking_reject",
        action="booking.decide",
        api=True,
        method="post",
        targets=_bookings,
        data=lambda w: {},
        expect=422,
    ),
    UrlCase(
        "api:booking_check_in",
        action="booking.check_in",
        api=True,
        method="post",
        targets=_bookings,
        data=lambda w: {},
        expect=422,
    ),
]
