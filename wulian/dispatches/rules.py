from wulian.accounts.rules import ADMINS, STAFF, UNIT, register

register({
    "dispatch.view": STAFF,
    "dispatch.create": STAFF,  # generate a month's draft, start a correction
    "dispatch.edit": STAFF,  # review a draft: text, criticisms
    "dispatch.publish": ADMINS,
    "dispatch.export": STAFF,
    "rectification.view": STAFF | UNIT,
    "rectification.report": STAFF | UNIT,
    "rectification.verify": STAFF,
    "inspection.view": STAFF,
    "inspection.create": STAFF,
    "inspection.record": STAFF,
    "inquiry.view": STAFF | UNIT,
    "inquiry.send": STAFF,
    "inquiry.reply": STAFF | UNIT,
    "inquiry.decide": ADMINS,
    "org_record.view": STAFF | UNIT,
})
