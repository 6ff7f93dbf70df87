from wulian.accounts.rules import ADMINS, STAFF, UNIT, register

register({
    "alliance.view": STAFF | UNIT,
    "alliance.create": STAFF,
    "alliance.manage": STAFF,  # members and activities
    "alliance.export": STAFF,
    "part_time.view": STAFF | UNIT,
    "part_time.create": ADMINS,
    "part_time.update": ADMINS,
    "part_time.record_activity": STAFF,
    "part_time.export": STAFF,
})
