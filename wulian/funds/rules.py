from wulian.accounts.rules import ADMINS, STAFF, UNIT, register

register({
    "fund.view": STAFF,
    "fund.create": ADMINS,
    "fund.add_source": ADMINS,
    "fund.allocate": ADMINS,
    "fund.correct": ADMINS,
    "fund.export": STAFF,
    "project.view": STAFF | UNIT,
    "project.create": STAFF,
    "project.advance": STAFF,
    "project.spend": STAFF,
    "facility.create": STAFF,
})
