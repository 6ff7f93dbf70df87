from wulian.accounts.rules import ADMINS, STAFF, UNIT, register

register({
    "person.view": STAFF | UNIT,
    "person.create": STAFF,
    "person.update": STAFF,
    "person.import": STAFF,
    "person.export": STAFF | UNIT,
    "person.reveal": ADMINS,
})
