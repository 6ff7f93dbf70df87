"""The API goes through the same services: same rules, same field errors, nothing written on refusal."""

from wulian.resources import services
from wulian.resources.models import Booking, Resource
from wulian.resources.tests.conftest import at


def test_resident_books_over_the_api(world, parking, api):
    response = api(
        "post",
        "api:resource_book",
        world.users["resident_demo"],
        {"start": "2026-12-02T10:00:00", "end": "2026-12-02T11:00:00", "quantity": 1},
        pk=parking.pk,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["start"], body["resource_name"]) == (
        "approved",
        "2026-12-02T10:00:00+08:00",
        "测试活动室",
    )


def test_api_refusal_names_the_field_and_writes_nothing(world, parking, api):
    response = api(
        "post",
        "api:resource_book",
        world.users["resident_demo"],
        {"start": "2026-12-25T10:00:00", "end": "2026-12-25T11:00:00"},
        pk=parking.pk,
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["start"]
    assert Booking.objects.filter(resource=parking).count() == 0


def test_unit_publishes_over_the_api(world, api, clock):
    response = api(
        "post",
        "api:resource_create",
        world.users["huaxi_contact"],
        {
            "org": world.orgs["huaxi"].pk,
            "name": "接口车场",
            "kind": "parking",
            "area": "510107005008",
            "capacity": 30,
            "hours": [{"weekday": 0, "start": "08:00", "end": "18:00"}],
            "eligible_areas": ["510107005000"],
        },
    )
    assert response.status_code == 201
    resource = Resource.objects.get(name="接口车场")
    assert response.json()["hours"] == [{"weekday": 0, "start": "08:00:00", "end": "18:00:00"}]
    assert [a.code for a in resource.eligible_areas.all()] == ["510107005000"]


def test_another_unit_cannot_publish_for_huaxi(world, api, clock):
    response = api(
        "post",
        "api:resource_create",
        world.users["library_contact"],
        {
            "org": world.orgs["huaxi"].pk,
            "name": "冒名车场",
            "kind": "parking",
            "area": "510107005008",
            "capacity": 30,
        },
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["org"]
    assert not Resource.objects.filter(name="冒名车场").exists()


def test_ics_over_the_api_is_only_for_ones_own_booking(world, parking, api):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    assert (
        api("get", "api:booking_mine_ics", world.users["member_demo"], pk=booking.pk).status_code
        == 404
    )
    response = api("get", "api:booking_mine_ics", world.users["resident_demo"], pk=booking.pk)
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content


def test_the_calendar_file_of_a_cancelled_booking_cancels_the_event(world, parking, api):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    services.close_resource(resource=parking, by=None, reason="施工")
    response = api("get", "api:booking_mine_ics", world.users["resident_demo"], pk=booking.pk)
    assert response.status_code == 200
    assert b"STATUS:CANCELLED" in response.content
