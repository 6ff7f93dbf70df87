from wulian.accounts.rules import ADMINS, DEPARTMENT, STAFF, UNIT, register

register({
    "org.view": STAFF | DEPARTMENT | UNIT,
    "org.create": STAFF,
    "org.update": STAFF | DEPARTMENT | UNIT,
    "org.change_body": STAFF,
    "org.import": STAFF,
    "org.export": STAFF | DEPARTMENT | UNIT,
    "org.delete": ADMINS,
})
