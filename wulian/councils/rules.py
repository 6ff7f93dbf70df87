from wulian.accounts.rules import ADMINS, PEOPLE, STAFF, UNIT, register

register({
    "council.view": STAFF | UNIT | PEOPLE,
    "council.create": ADMINS,
    "council.manage": STAFF,  # members, sessions, opening and closing votes, resolutions
    "council.raise_topic": STAFF | UNIT | PEOPLE,
    "council.comment": STAFF | UNIT | PEOPLE,
    "council.vote": UNIT | PEOPLE,
    "council.record_vote": STAFF,
    "council.export": STAFF,
})
