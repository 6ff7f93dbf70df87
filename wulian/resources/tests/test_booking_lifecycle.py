"""Approval where required, cancellation, check-in, and the no-show job that frees the slot."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.notifications.models import Notification
from wulian.resources import services, tasks
from wulian.resources.models import Booking, BookingStatus
from wulian.resources.tests.conftest import at


@pytest.fixture
def hall(make_resource, clock):
    return make_resource(name="多功能厅", kind="venue", capacity=1, requires_approval=True)


def test_unit_approves_a_pending_booking_and_the_person_is_told(
    world, hall, django_capture_on_commit_callbacks
):
    pending = Notification.objects.filter(user=world.users["huaxi_contact"], kind="booking.pending")
    before = pending.count()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.book_resource(
            resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
        )
    assert pending.count() == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        approved = services.approve_booking(
            booking=booking, by=world.users["huaxi_contact"], note="请准时"
        )
    assert (approved.status, approved.decided_by, approved.decision_note) == (
        BookingStatus.APPROVED,
        world.users["huaxi_contact"],
        "请准时",
    )
    assert (
        Notification.objects.filter(
            user=world.users["resident_demo"], kind="booking.approved"
        ).count()
        == 1
    )


def test_pending_booking_holds_the_slot(world, hall):
    services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    with pytest.raises(ValidationError) as exc:
        services.book_resource(
            resource=hall, by=world.users["member_demo"], start=at(2, 10), end=at(2, 11)
        )
    assert exc.value.message_dict == {"quantity": ["该时段已约满。"]}


def test_rejection_needs_a_reason_and_frees_the_slot(world, hall):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    with pytest.raises(ValidationError) as exc:
        services.reject_booking(booking=booking, by=world.users["huaxi_contact"], note=" ")
    assert list(exc.value.message_dict) == ["note"]
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.PENDING
    services.reject_booking(booking=booking, by=world.users["huaxi_contact"], note="当天院内使用")
    assert services.book_resource(
        resource=hall, by=world.users["member_demo"], start=at(2, 10), end=at(2, 11)
    ).pk


def test_a_decided_booking_cannot_be_decided_again(world, hall):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    services.approve_booking(booking=booking, by=world.users["huaxi_contact"])
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.reject_booking(booking=booking, by=world.users["huaxi_contact"], note="晚了")
    assert exc.value.message_dict == {"status": ["只能审核待审核的预约（当前：已预约）。"]}
    assert (Booking.objects.get(pk=booking.pk).status, AuditEntry.objects.count()) == (
        BookingStatus.APPROVED,
        audit,
    )


def test_another_unit_cannot_approve(world, hall):
    booking = services.book_resource(
        resource=hall, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    with pytest.raises(PermissionDenied):
        services.approve_booking(booking=booking, by=world.users["library_contact"])
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.PENDING


def test_someone_else_cannot_cancel_my_booking(world, parking):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    with pytest.raises(PermissionDenied):
        services.cancel_booking(booking=booking, by=world.users["member_demo"])
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.APPROVED


def test_started_booking_cannot_be_cancelled(world, parking, clock):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(1, 10), end=at(1, 11)
    )
    clock.move_to(at(1, 10, 5))
    with pytest.raises(ValidationError) as exc:
        services.cancel_booking(booking=booking, by=world.users["resident_demo"])
    assert list(exc.value.message_dict) == ["status"]


def test_check_in_only_near_the_slot(world, parking, clock):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    with pytest.raises(ValidationError):
        services.check_in_booking(booking=booking, by=world.users["huaxi_contact"])
    clock.move_to(at(2, 9, 45))
    checked = services.check_in_booking(booking=booking, by=world.users["huaxi_contact"])
    assert checked.status == BookingStatus.CHECKED_IN


def test_no_show_after_the_grace_period_releases_the_slot(world, parking, clock, settings):
    settings.WULIAN_BOOKING_NO_SHOW_MINUTES = 15
    late = services.book_resource(
        resource=parking,
        by=world.users["resident_demo"],
        start=at(2, 10),
        end=at(2, 12),
        quantity=2,
    )
    clock.move_to(at(2, 10, 14))
    services.release_no_shows()
    assert Booking.objects.get(pk=late.pk).status == BookingStatus.APPROVED
    clock.move_to(at(2, 10, 16))
    assert tasks.release_no_shows.call_local() >= 1
    assert Booking.objects.get(pk=late.pk).status == BookingStatus.NO_SHOW
    assert (
        AuditEntry.objects.filter(
            action="booking.no_show", object_id=str(late.pk), channel="job"
        ).count()
        == 1
    )
    # The slot is free again for the rest of its time.
    again = services.book_resource(
        resource=parking,
        by=world.users["member_demo"],
        start=at(2, 10, 30),
        end=at(2, 12),
        quantity=2,
    )
    assert again.status == BookingStatus.APPROVED


def test_checked_in_booking_is_not_a_no_show(world, parking, clock):
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 11)
    )
    clock.move_to(at(2, 10, 5))
    services.check_in_booking(booking=booking, by=world.users["huaxi_contact"])
    clock.move_to(at(2, 11, 30))
    services.release_no_shows()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CHECKED_IN


def test_grace_period_comes_from_settings(world, parking, clock, settings):
    settings.WULIAN_BOOKING_NO_SHOW_MINUTES = 60
    booking = services.book_resource(
        resource=parking, by=world.users["resident_demo"], start=at(2, 10), end=at(2, 12)
    )
    with time_machine.travel(at(2, 10, 30)):
        services.release_no_shows()
        assert Booking.objects.get(pk=booking.pk).status == BookingStatus.APPROVED
    with time_machine.travel(at(2, 11, 1)):
        services.release_no_shows()
        assert Booking.objects.get(pk=booking.pk).status == BookingStatus.NO_SHOW


def test_no_show_job_is_scheduled_every_five_minutes():
    assert tasks.release_no_shows.s().validate_datetime(at(1, 10, 5)) is True
    assert tasks.release_no_shows.s().validate_datetime(at(1, 10, 7)) is False
