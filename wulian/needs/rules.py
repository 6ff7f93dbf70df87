from wulian.accounts.rules import ADMINS, EVERYONE_BUSINESS, MEMBER, PEOPLE, STAFF, UNIT, register

register({
    # Residents (and party members, who are residents too) post, confirm, rate and cancel.
    "need.post": PEOPLE,
    "need.post_on_behalf": STAFF,  # 代办: community staff post for a resident
    "need.view": STAFF | UNIT | PEOPLE,
    "need.confirm": PEOPLE,
    "need.cancel": PEOPLE | STAFF,
    "need.add_photos": PEOPLE | STAFF,  # the poster, or staff for them, as for cancelling
    # Providers: units and party members registered in a community.
    "need.claim": UNIT | MEMBER,
    "need.serve": UNIT | MEMBER,  # start, mark done, release, rate the request
    # Staff: the list per area and its export; party-member registrations.
    "need.list": STAFF,
    "need.export": STAFF,
    "need.register": MEMBER,
    # The compensation ledger (利益补偿).
    "compensation.view": EVERYONE_BUSINESS,
    "compensation.correct": ADMINS,
})
