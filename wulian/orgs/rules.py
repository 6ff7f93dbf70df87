from wulian.accounts.rules import ADMINS, STAFF, UNIT, register

register({
    "org.view": STAFF | UNIT,
    "org.create": STAFF,
    "org.update": STAFF | UNIT,
    "org.change_body": STAFF,
    "org.import": STAFF,
    "org.export": STAFF | UNIT,
    "org.delete": ADMINS,
})
