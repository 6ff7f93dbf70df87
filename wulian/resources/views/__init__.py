"""Pages, by audience: ``inventory`` (the inventory and resource management, for units and
staff), ``bookings`` (bookings to approve and check in) and ``residents`` (the phone-first pages
where residents browse, book and see their bookings). ``urls.py`` names them from here."""

from wulian.resources.views.bookings import approve, booking_detail, booking_list, check_in, reject
from wulian.resources.views.inventory import (
    close_view,
    create,
    detail,
    edit,
    export,
    inventory,
    open_view,
    search_resources,
)
from wulian.resources.views.residents import (
    book,
    browse,
    my_booking,
    my_booking_cancel,
    my_booking_ics,
    my_booking_list,
)

__all__ = [
    "approve",
    "book",
    "booking_detail",
    "booking_list",
    "browse",
    "check_in",
    "close_view",
    "create",
    "detail",
    "edit",
    "export",
    "inventory",
    "my_booking",
    "my_booking_cancel",
    "my_booking_ics",
    "my_booking_list",
    "open_view",
    "reject",
    "search_resources",
]
