"""A booking as an iCalendar event (.ics), the same file on the resident's page and over the API.

The event keeps one UID for the booking's whole life; its STATUS and SEQUENCE (RFC 5545 3.8.1.11,
3.8.7.4) follow the booking, the sequence rising along its life (pending, then booked, then
called off), so that a calendar replaces the event it already has, and removes it once the
booking is cancelled or refused."""

from django.utils.translation import gettext as _

from wulian.core.ics import make_ics
from wulian.resources.models import Booking, BookingStatus

# Bookings that will not take place: their calendar event is cancelled.
CALLED_OFF = (BookingStatus.CANCELLED, BookingStatus.REJECTED)

_STATE = {
    BookingStatus.PENDING: ("TENTATIVE", 0),
    BookingStatus.APPROVED: ("CONFIRMED", 1),
    BookingStatus.CHECKED_IN: ("CONFIRMED", 1),
    BookingStatus.NO_SHOW: ("CONFIRMED", 1),
    BookingStatus.REJECTED: ("CANCELLED", 2),
    BookingStatus.CANCELLED: ("CANCELLED", 2),
}


def booking_ics(booking: Booking) -> str:
    resource = booking.resource
    status, sequence = _STATE[BookingStatus(booking.status)]
    return make_ics(
        uid=f"booking-{booking.pk}@wulian",
        start=booking.start,
        end=booking.end,
        summary=_("预约：%(r)s（%(q)d%(u)s）")
        % {"r": resource.name, "q": booking.quantity, "u": resource.capacity_unit},
        location=f"{resource.org.name} {resource.location}".strip(),
        description=_("状态：%(s)s") % {"s": booking.get_status_display()},
        status=status,
        sequence=sequence,
    )
