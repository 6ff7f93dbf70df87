"""Every change to shared resources and bookings.

Bookings are made race-free in the database: inside one transaction the resource row is locked
(``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE transaction already serialises
writers), the peak use of the overlapping active bookings is computed and the booking refused if
it would exceed the capacity, and the same person's overlapping bookings are refused in the same
locked transaction. On PostgreSQL an exclusion constraint (migration 0002) backs the same-person
rule up.

The services are split by subject: ``access`` (who may book; who may manage is
``resources.rules``), ``publishing`` (resources and their history), ``availability`` (opening and
closing), ``booking`` (making a booking) and ``lifecycle`` (what happens to a booking afterwards).
Import them from here.
"""

from wulian.resources.models import ACTIVE_STATUSES
from wulian.resources.services.access import (
    ALLOWANCE_STATUSES,
    CAP_FIELDS,
    CHECK_IN_EARLY_MINUTES,
    RESOURCE_FIELDS,
    is_eligible,
    no_show_minutes,
)
from wulian.resources.services.availability import Closing, close_resource, open_resource
from wulian.resources.services.booking import _local_day_and_week, book_resource, quote_fee
from wulian.resources.services.lifecycle import (
    approve_booking,
    cancel_booking,
    check_in_booking,
    expire_pending_bookings,
    is_own_booking,
    reject_booking,
    release_no_shows,
)
from wulian.resources.services.publishing import create_resource, update_resource

__all__ = [
    "ACTIVE_STATUSES",
    "ALLOWANCE_STATUSES",
    "CAP_FIELDS",
    "CHECK_IN_EARLY_MINUTES",
    "RESOURCE_FIELDS",
    "_local_day_and_week",
    "approve_booking",
    "book_resource",
    "cancel_booking",
    "check_in_booking",
    "Closing",
    "close_resource",
    "create_resource",
    "expire_pending_bookings",
    "is_eligible",
    "is_own_booking",
    "no_show_minutes",
    "open_resource",
    "quote_fee",
    "reject_booking",
    "release_no_shows",
    "update_resource",
]
