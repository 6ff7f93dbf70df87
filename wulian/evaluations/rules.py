from wulian.accounts.rules import ADMINS, PEOPLE, STAFF, UNIT, register

register({
    "evaluation.view": STAFF | UNIT,
    "evaluation.manage": ADMINS,  # create rounds, set criteria and weights, open, publish, decide appeals
    "evaluation.score": STAFF | UNIT,  # communities/streets rate units; units rate communities
    "evaluation.appeal": STAFF | UNIT,
    "evaluation.export": STAFF,
    "evaluation.verify": STAFF | UNIT | PEOPLE,
    "evaluation.survey": PEOPLE,
})
