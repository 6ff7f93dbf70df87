"""A pending booking the unit never decided on expires at its start: the system rejects it with a
fixed reason, the slot is free again, the person hears back once and the figures follow."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.figures import services as figures
from wulian.figures.selectors import counter_value
from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.notifications.models import Notification
from wulian.resources import services, tasks
from wulian.resources.models import Booking, BookingStatus
from wulian.resources.tests.conftest import at

REASON = "单位未在开始前审核，预约已自动失效"


@pytest.fixture
def hall(make_resource, clock):
    """Capacity 1, needs approval."""
    return make_resource(name="多功能厅", kind="venue", capacity=1, requires_approval=True)


def _booked(area) -> int:
    return counter_value(area, "resources.bookings")


def _state(booking: Booking) -> tuple:
    b = Booking.objects.get(pk=booking.pk)
    return b.status, b.decided_at, b.decided_by_id, b.decision_note


def test_pending_booking_expires_once_at_its_start(
    world, hall, clock, django_capture_on_commit_callbacks
):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 12)
    )
    told = Notification.objects.filter(user=world.users["resident_demo"], kind="booking.expired")
    clock.move_to(at(2, 9, 59))
    services.expire_pending_bookings()  # also settles the demo world's pending bookings already past
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.PENDING
    booked = _booked(hall.area)
    clock.move_to(at(2, 10, 3))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_pending_bookings.call_local() == 1
    expired = _state(booking)
    assert expired == (BookingStatus.REJECTED, expired[1], None, REASON)
    assert abs(expired[1] - at(2, 10, 3)) < dt.timedelta(seconds=5)
    assert _booked(hall.area) == booked - 1
    entries = AuditEntry.objects.filter(action="booking.expire", object_id=str(booking.pk))
    assert list(entries.values_list("channel", "actor_id")) == [("job", None)]
    assert list(told.values_list("title", "body", "url")) == [
        ("预约已自动失效：多功能厅", REASON, reverse("resources:my_booking", args=[booking.pk]))
    ]
    # The second run finds nothing to do and changes nothing.
    audit = AuditEntry.objects.count()
    clock.move_to(at(2, 10, 8))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_pending_bookings.call_local() == 0
    assert (_state(booking), AuditEntry.objects.count(), told.count(), _booked(hall.area)) == (
        expired,
        audit,
        1,
        booked - 1,
    )
    assert figures.check() == []
    assert_figures_consistent()


def test_approved_and_future_bookings_are_untouched(world, hall, make_resource, clock):
    approved = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    services.approve_booking(booking=approved, by=world.users["huaxi_contact"])
    later = services.book_resource(
        resource=hall, by=world.users["member_demo"], start=at(2, 15), end=at(2, 16)
    )
    parking = make_resource(name="停车场")
    direct = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    ours = (approved, later, direct)
    before = [_state(b) for b in ours]
    clock.move_to(at(2, 10, 5))
    services.expire_pending_bookings()
    assert [_state(b) for b in ours] == before
    assert (
        AuditEntry.objects.filter(
            action="booking.expire", object_id__in=[str(b.pk) for b in ours]
        ).count()
        == 0
    )
    assert before[1][0] == BookingStatus.PENDING


def test_the_freed_capacity_can_be_booked_again(world, hall, clock):
    services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 12)
    )
    clock.move_to(at(2, 10, 5))
    with pytest.raises(ValidationError) as exc:
        services.book_resource(
            resource=hall, by=world.users["member_demo"], start=at(2, 10, 30), end=at(2, 12)
        )
    assert exc.value.message_dict == {"quantity": ["该时段已约满。"]}
    services.expire_pending_bookings()
    again = services.book_resource(
        resource=hall, by=world.users["member_demo"], start=at(2, 10, 30), end=at(2, 12)
    )
    assert again.status == BookingStatus.PENDING
    assert figures.check() == []


def test_an_expired_booking_can_no_longer_be_approved(world, hall, clock):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    clock.move_to(at(2, 10, 5))
    services.expire_pending_bookings()
    with pytest.raises(ValidationError) as exc:
        services.approve_booking(booking=booking, by=world.users["huaxi_contact"])
    assert exc.value.message_dict == {"status": ["只能审核待审核的预约（当前：未通过）。"]}
    assert _state(booking)[0] == BookingStatus.REJECTED


def test_a_booking_approved_before_the_job_runs_stays_approved(world, hall, clock):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    clock.move_to(at(2, 10, 2))
    services.approve_booking(booking=booking, by=world.users["huaxi_contact"], note="迟到的审核")
    clock.move_to(at(2, 10, 5))
    services.expire_pending_bookings()
    assert _state(booking)[::3] == (BookingStatus.APPROVED, "迟到的审核")


def test_the_unit_sees_the_system_as_the_decider(world, hall, clock, client, login):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    clock.move_to(at(2, 10, 5))
    services.expire_pending_bookings()
    login("huaxi_contact")
    page = client.get(reverse("resources:booking_detail", args=[booking.pk])).content.decode()
    assert f"系统 {REASON}" in page
    assert "None" not in page


def test_expiry_job_is_scheduled_every_five_minutes():
    assert tasks.expire_pending_bookings.s().validate_datetime(at(1, 10, 5)) is True
    assert tasks.expire_pending_bookings.s().validate_datetime(at(1, 10, 7)) is False
