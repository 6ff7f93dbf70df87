"""Service agreements: drafted by the area's party organization (area roles), confirmed by both
sides, deliveries recorded by the unit."""

from wulian.accounts.rules import STAFF, UNIT, register

register({
    "agreement.view": STAFF | UNIT,  # list, detail, fulfilment, PDF
    "agreement.create": STAFF,
    "agreement.update": STAFF,  # edit a draft and its items, submit, revise, end
    "agreement.confirm": STAFF | UNIT,  # each side confirms for itself
    "delivery.create": STAFF | UNIT,
})
