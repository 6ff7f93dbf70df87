"""Pages: residents book on the phone pages; units manage; staff see the inventory and export it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wulian.resources import services
from wulian.resources.models import Booking, BookingStatus, Resource, ResourceChange
from wulian.resources.tests.conftest import at
from wulian.web.testing import assert_flat_queries, bearer, count_rows, links_to, query_guard


def test_resident_books_through_the_phone_page(world, parking, client, login):
    login("resident_demo")
    response = client.post(
        reverse("resources:book", args=[parking.pk]),
        {"date": "2026-12-02", "start_time": "10:00", "end_time": "11:00", "quantity": "1"},
    )
    booking = Booking.objects.get(resource=parking)
    assert response.status_code == 302
    assert response["Location"] == reverse("resources:my_booking", args=[booking.pk])
    page = client.get(reverse("resources:my_bookings")).content.decode()
    assert "测试活动室" in page
    assert reverse("resources:my_booking_ics", args=[booking.pk]) in page


def test_refused_booking_shows_the_error_on_its_field(world, parking, client, login):
    login("resident_demo")
    response = client.post(
        reverse("resources:book", args=[parking.pk]),
        {"date": "2026-12-02", "start_time": "19:00", "end_time": "21:00", "quantity": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["start_time"] == [
        "预约时段不在开放时间内（星期三开放：08:00-20:00）。"
    ]
    assert Booking.objects.filter(resource=parking).count() == 0


def test_resident_sees_only_resources_open_to_their_area(
    world, parking, make_resource, client, login
):
    make_resource(name="西华门专用", area=world.areas["510105003003"], org=world.orgs["library"])
    login("resident_demo")
    page = client.get(reverse("resources:browse")).content.decode()
    assert "测试活动室" in page
    assert "西华门专用" not in page


def test_closed_resource_is_not_bookable(world, parking, client, login):
    services.close_resource(resource=parking, by=None, reason="施工")
    login("resident_demo")
    assert client.get(reverse("resources:book", args=[parking.pk])).status_code == 404


def test_ics_is_served_only_for_ones_own_booking(world, parking, client, login):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    login("member_demo")
    assert client.get(reverse("resources:my_booking_ics", args=[booking.pk])).status_code == 404
    login("resident_demo")
    response = client.get(reverse("resources:my_booking_ics", args=[booking.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert "DTSTART:20261202T020000Z" in text
    assert "DTEND:20261202T030000Z" in text
    assert "测试活动室" in text


def test_resident_cancels_from_my_bookings(world, parking, client, login):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    login("resident_demo")
    assert client.post(reverse("resources:my_booking_cancel", args=[booking.pk])).status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED


def test_unit_publishes_a_resource_with_hours_and_history(world, client, login, clock):
    login("huaxi_contact")
    response = client.post(
        reverse("resources:create"),
        {
            "org": world.orgs["huaxi"].pk,
            "name": "篮球场",
            "kind": "sports_ground",
            "area": "510107005008",
            "capacity": "2",
            "capacity_unit": "块场地",
            "terms": "free",
            "hours": "1-5 18:00-21:00\n6-7 08:00-12:00 14:00-21:00",
            "blackouts": "2026-12-31 年终检修",
        },
    )
    resource = Resource.objects.get(name="篮球场")
    assert response.status_code == 302
    assert [(h.weekday, f"{h.start:%H:%M}", f"{h.end:%H:%M}") for h in resource.hours.all()][
        -2:
    ] == [(6, "08:00", "12:00"), (6, "14:00", "21:00")]
    assert resource.hours.count() == 5 + 4
    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        {
            "org": world.orgs["huaxi"].pk,
            "name": "篮球场",
            "kind": "sports_ground",
            "area": "510107005008",
            "capacity": "3",
            "capacity_unit": "块场地",
            "terms": "free",
            "hours": "1-7 08:00-21:00",
        },
    )
    assert response.status_code == 302
    assert list(
        ResourceChange.objects.filter(resource=resource)
        .order_by("version")
        .values_list("version", "kind")
    ) == [(1, "created"), (2, "updated")]
    detail = client.get(reverse("resources:detail", args=[resource.pk])).content.decode()
    assert "修改了：容量、开放时间、停止预约日期" in detail


def test_bad_hours_are_named_on_the_form(world, client, login):
    login("huaxi_contact")
    response = client.post(
        reverse("resources:create"),
        {
            "org": world.orgs["huaxi"].pk,
            "name": "篮球场",
            "kind": "sports_ground",
            "area": "510107005008",
            "capacity": "2",
            "terms": "free",
            "hours": "8 18:00-21:00",
        },
    )
    assert response.context["form"].errors["hours"] == ["第1行：星期应为1（星期一）到7（星期日）。"]
    assert not Resource.objects.filter(name="篮球场").exists()


def test_unit_closes_and_reopens_with_opened_since_and_closed_since(world, parking, client, login):
    login("huaxi_contact")
    client.post(reverse("resources:close", args=[parking.pk]), {"reason": "施工"})
    parking.refresh_from_db()
    assert (parking.is_open, parking.closed_since is not None) == (False, True)
    client.post(reverse("resources:open", args=[parking.pk]))
    parking.refresh_from_db()
    assert (parking.is_open, parking.closed_since) == (True, None)
    assert list(parking.changes.order_by("version").values_list("kind", flat=True)) == [
        "created",
        "closed",
        "opened",
    ]


def test_unit_approves_from_the_booking_list(world, make_resource, client, login, clock):
    hall = make_resource(name="礼堂", kind="venue", capacity=1, requires_approval=True)
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    login("huaxi_contact")
    assert (
        "礼堂" in client.get(reverse("resources:booking_list") + "?status=pending").content.decode()
    )
    client.post(
        reverse("resources:approve", args=[booking.pk]), {"next": reverse("resources:booking_list")}
    )
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.APPROVED


def test_inventory_export_is_scoped_and_filtered(world, parking, make_resource, client, login):
    make_resource(
        name="西华门场地", kind="venue", area=world.areas["510105003003"], org=world.orgs["library"]
    )
    login("wuhou_admin")
    response = client.get(reverse("resources:export") + "?kind=venue")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [r[0] for r in rows[1:]]
    assert "测试活动室" in names
    assert "西华门场地" not in names
    assert "“畅行停”共享停车位" not in names
    assert rows[0][0] == "资源名称"


RESOURCE_LISTS = [
    "resources:inventory",
    "resources:export",
    "resources:browse",
    "api:resource_list",
]


@query_guard(*RESOURCE_LISTS)
@pytest.mark.parametrize("name", RESOURCE_LISTS)
def test_resource_lists_query_count_does_not_grow(world, make_resource, client, login, clock, name):
    user = login("resident_demo" if name == "resources:browse" else "city_admin")
    make_resource(name="一号")

    def two_more():
        make_resource(
            name="二号", eligible_orgs=[world.orgs["library"]] if name.startswith("api:") else []
        )
        make_resource(
            name="三号",
            eligible_areas=[world.areas["510107005008"]],
            blackouts=[(at(9, 0).date(), "检修")],
        )

    assert_flat_queries(
        client,
        reverse(name),
        two_more,
        headers=bearer(user) if name.startswith("api:") else None,
        rows=links_to("resources:book") if name == "resources:browse" else count_rows,
    )


BOOKING_LISTS = [
    ("resources:booking_list", "huaxi_contact"),
    ("resources:my_bookings", "resident_demo"),
    ("api:booking_list", "huaxi_contact"),
    ("api:booking_mine", "resident_demo"),
]


@query_guard(*(name for name, _ in BOOKING_LISTS))
@pytest.mark.parametrize(("name", "username"), BOOKING_LISTS)
def test_booking_lists_query_count_does_not_grow(
    world, make_resource, client, login, clock, name, username
):
    resource = make_resource(name="大车场", capacity=50)
    user = login(username)
    resident = world.users["resident_demo"]
    services.book_resource(resource=resource, by=resident, start=at(3, 10), end=at(3, 11))

    def two_more():
        services.book_resource(resource=resource, by=resident, start=at(4, 10), end=at(4, 11))
        services.book_resource(resource=resource, by=resident, start=at(5, 10), end=at(5, 11))

    assert_flat_queries(
        client,
        reverse(name),
        two_more,
        headers=bearer(user) if name.startswith("api:") else None,
        rows=links_to("resources:my_booking") if name == "resources:my_bookings" else count_rows,
    )
