from wulian.accounts.rules import PEOPLE, STAFF, register

register({
    "case.view": STAFF,
    "case.create": STAFF,
    "case.report": PEOPLE,  # a resident or party member reports a problem in their home area
    "case.resolve": STAFF,
    "case.export": STAFF,
    "case.import": STAFF,
})
