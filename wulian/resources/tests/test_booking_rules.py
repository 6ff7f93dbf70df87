"""Every booking rule, and every refusal names its field and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.resources import services
from wulian.resources.models import Booking, BookingStatus
from wulian.resources.tests.conftest import at


def _state():
    return (
        list(Booking.objects.order_by("pk").values_list("pk", "status")),
        AuditEntry.objects.count(),
    )


def _refused(field: str, **kwargs) -> str:
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.book_resource(**kwargs)
    assert _state() == before
    assert list(exc.value.message_dict) == [field]
    return exc.value.message_dict[field][0]


def test_resident_books_a_slot_within_opening_hours(world, parking):
    resident = world.users["resident_demo"]
    booking = services.book_resource(resource=parking, by=resident, start=at(2, 10), end=at(2, 12))
    assert (booking.status, booking.person, booking.quantity) == (
        BookingStatus.APPROVED,
        world.people["li_xiuying"],
        1,
    )
    assert (
        AuditEntry.objects.filter(action="booking.create", object_id=str(booking.pk)).count() == 1
    )


def test_booking_needing_approval_starts_pending(world, make_resource, clock):
    hall = make_resource(name="会议室", kind="venue", capacity=1, requires_approval=True)
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    assert booking.status == BookingStatus.PENDING


def test_booking_outside_opening_hours_is_refused(world, parking):
    message = _refused(
        "start", resource=parking, by=world.users["resident_demo"], start=at(2, 19), end=at(2, 21)
    )
    assert "开放时间" in message


def test_booking_before_opening_is_refused(world, parking):
    _refused(
        "start", resource=parking, by=world.users["resident_demo"], start=at(2, 7), end=at(2, 9)
    )


def test_booking_over_capacity_is_refused(world, parking):
    message = _refused(
        "quantity",
        resource=parking,
        by=world.users["resident_demo"],
        start=at(2, 10),
        end=at(2, 11),
        quantity=3,
    )
    assert "容量" in message


def test_booking_when_the_slot_is_full_is_refused(world, parking):
    services.book_resource(
        resource=parking, by=world.users["member_demo"], start=at(2, 10), end=at(2, 12), quantity=2
    )
    message = _refused(
        "quantity",
        resource=parking,
        by=world.users["resident_demo"],
        start=at(2, 11),
        end=at(2, 13),
    )
    assert message == "该时段已约满。"


def test_capacity_counts_the_peak_not_every_overlap(world, parking):
    # 10–11 and 11–12 never overlap each other: a 10–12 booking of 1 still fits beside them.
    member = world.users["member_demo"]
    services.book_resource(resource=parking, by=member, start=at(2, 10), end=at(2, 11))
    services.book_resource(resource=parking, by=member, start=at(2, 11), end=at(2, 12))
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 12)
    )
    assert booking.status == BookingStatus.APPROVED


def test_booking_in_the_past_is_refused(world, parking):
    message = _refused(
        "start", resource=parking, by=world.users["resident_demo"], start=at(1, 8), end=at(1, 8, 30)
    )
    assert "过去" in message


def test_booking_ending_before_it_starts_is_refused(world, parking):
    message = _refused(
        "end", resource=parking, by=world.users["resident_demo"], start=at(2, 12), end=at(2, 10)
    )
    assert message == "结束时间必须晚于开始时间。"


def test_booking_on_a_blackout_date_is_refused(world, parking):
    message = _refused(
        "start", resource=parking, by=world.users["resident_demo"], start=at(25, 10), end=at(25, 11)
    )
    assert "2026-12-25" in message
    assert "圣诞节" in message


def test_booking_by_someone_not_eligible_is_refused(world, parking):
    from wulian.accounts.models import User

    zhang = User.objects.create(
        username="zhang_min", person=world.people["zhang_min"]
    )  # lives in 西华门
    from wulian.accounts.services import grant_role

    grant_role(user=zhang, kind="party_member", org=world.orgs["library"], by=None)
    message = _refused("person", resource=parking, by=zhang, start=at(2, 10), end=at(2, 11))
    assert "可预约范围" in message


def test_party_member_of_an_eligible_org_may_book_from_elsewhere(world, make_resource, clock):
    from wulian.accounts.models import User
    from wulian.accounts.services import grant_role

    zhang = User.objects.create(username="zhang_min", person=world.people["zhang_min"])
    grant_role(user=zhang, kind="party_member", org=world.orgs["library"], by=None)
    resource = make_resource(eligible_orgs=[world.orgs["library"]])
    booking = services.book_resource(resource=resource, by=zhang, start=at(2, 10), end=at(2, 11))
    assert booking.person == world.people["zhang_min"]


def test_same_person_cannot_double_book_an_overlapping_slot(world, parking):
    resident = world.users["resident_demo"]
    services.book_resource(resource=parking, by=resident, start=at(2, 10), end=at(2, 12))
    message = _refused("start", resource=parking, by=resident, start=at(2, 11), end=at(2, 13))
    assert "已有预约" in message


def test_same_person_may_book_an_adjacent_slot(world, parking):
    resident = world.users["resident_demo"]
    services.book_resource(resource=parking, by=resident, start=at(2, 10), end=at(2, 12))
    assert services.book_resource(resource=parking, by=resident, start=at(2, 12), end=at(2, 13)).pk


def test_closed_resource_refuses_bookings(world, parking):
    services.close_resource(resource=parking, by=world.users["huaxi_contact"], reason="施工")
    message = _refused(
        "resource",
        resource=parking,
        by=world.users["resident_demo"],
        start=at(2, 10),
        end=at(2, 11),
    )
    assert "已关闭" in message


def test_zero_quantity_is_refused(world, parking):
    _refused(
        "quantity",
        resource=parking,
        by=world.users["resident_demo"],
        start=at(2, 10),
        end=at(2, 11),
        quantity=0,
    )


def test_staff_may_not_book(world, parking):
    with pytest.raises(PermissionDenied):
        services.book_resource(
            resource=parking, by=world.users["hongmenjie_admin"], start=at(2, 10), end=at(2, 11)
        )
    assert Booking.objects.filter(resource=parking).count() == 0


def test_cancelled_booking_frees_the_slot(world, parking):
    member = world.users["member_demo"]
    booking = services.book_resource(
        resource=parking, by=member, start=at(2, 10), end=at(2, 12), quantity=2
    )
    services.cancel_booking(booking=booking, by=member)
    again = services.book_resource(
        resource=parking,
        by=world.users["resident_demo"],
        start=at(2, 10),
        end=at(2, 12),
        quantity=2,
    )
    assert again.status == BookingStatus.APPROVED


def test_booking_spanning_two_days_is_refused(world, make_resource, clock):
    allday = make_resource(name="全天", hours=[(d, dt.time(0), dt.time(23, 59)) for d in range(7)])
    _refused("end", resource=allday, by=world.users["resident_demo"], start=at(2, 22), end=at(3, 2))
