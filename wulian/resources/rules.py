"""Shared resources: units publish and manage, area roles oversee (the inventory), people book."""

from wulian.accounts.rules import PEOPLE, STAFF, UNIT, register

register({
    "resource.view": STAFF | UNIT,  # the inventory and a resource's page with its history
    "resource.create": STAFF | UNIT,
    "resource.update": STAFF | UNIT,  # edit, open, close
    "resource.export": STAFF | UNIT,
    "resource.browse": PEOPLE,  # the phone pages: resources I may book
    "resource.book": PEOPLE,  # book, my bookings, cancel my booking, its .ics
    "booking.view": STAFF | UNIT,
    "booking.decide": STAFF | UNIT,  # approve / reject / cancel on the unit's side
    "booking.check_in": STAFF | UNIT,
})
