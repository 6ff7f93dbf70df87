"""Closing a resource needs a reason; the bookings that have not started are cancelled with it in
the same transaction, audited, and each booker is told."""

import pytest
from django.core.exceptions import ValidationError

from wulian.audit.models import AuditEntry
from wulian.notifications.models import Notification
from wulian.resources import services
from wulian.resources.models import Booking, BookingStatus, Resource
from wulian.resources.tests.conftest import at


def test_closing_without_a_reason_is_refused_naming_the_field(world, parking):
    with pytest.raises(ValidationError) as exc:
        services.close_resource(resource=parking, by=world.users["huaxi_contact"], reason="  ")
    assert list(exc.value.message_dict) == ["reason"]
    assert Resource.objects.get(pk=parking.pk).is_open is True


def test_closing_cancels_the_bookings_not_started_and_tells_each_booker(
    world, parking, clock, django_capture_on_commit_callbacks
):
    resident = world.users["resident_demo"]
    booking = services.book_resource(resource=parking, by=resident, start=at(3, 10), end=at(3, 11))
    with django_capture_on_commit_callbacks(execute=True):
        services.close_resource(resource=parking, by=world.users["huaxi_contact"], reason="施工")
    booking.refresh_from_db()
    assert (booking.status, booking.decision_note) == (BookingStatus.CANCELLED, "施工")
    assert list(
        Notification.objects.filter(user=resident, kind="booking.cancelled").values_list(
            "body", flat=True
        )
    ) == ["施工"]
    assert (
        AuditEntry.objects.filter(action="booking.cancel", object_id=str(booking.pk)).count() == 1
    )


def test_bookings_already_started_are_left_as_they_are(world, parking, clock):
    resident = world.users["resident_demo"]
    booking = services.book_resource(resource=parking, by=resident, start=at(1, 10), end=at(1, 11))
    clock.move_to(at(1, 10, 30))
    services.close_resource(resource=parking, by=None, reason="施工")
    assert Booking.objects.get(pk=booking.pk).status == booking.status


def test_a_booking_its_booker_cancelled_meanwhile_is_not_cancelled_or_told_again(
    world, parking, clock, monkeypatch, django_capture_on_commit_callbacks
):
    """Read without a lock, a booking may be cancelled by its booker before the closing's own
    conditional update: that update then changes nothing, and nothing is audited or sent."""
    from wulian.resources.services import availability

    resident = world.users["resident_demo"]
    booking = services.book_resource(resource=parking, by=resident, start=at(3, 10), end=at(3, 11))
    real_update = availability.counters.update

    def booker_first(queryset, **fields):
        monkeypatch.setattr(availability.counters, "update", real_update)  # once
        services.cancel_booking(booking=Booking.objects.get(pk=booking.pk), by=resident)
        return real_update(queryset, **fields)

    monkeypatch.setattr(availability.counters, "update", booker_first)
    with django_capture_on_commit_callbacks(execute=True):
        closing = services.close_resource(
            resource=parking, by=world.users["huaxi_contact"], reason="施工"
        )
    assert closing.cancelled == []
    assert not Notification.objects.filter(user=resident, kind="booking.cancelled").exists()
    assert (
        AuditEntry.objects.filter(action="booking.cancel", object_id=str(booking.pk)).count() == 1
    )
