from wulian.accounts.rules import EVERYONE_BUSINESS, STAFF, UNIT, register

register({
    "meeting.view": STAFF | UNIT,  # a unit contact sees the meetings its unit is invited to
    "meeting.create": STAFF,  # convene (as the level's leading org or governance committee)
    "meeting.update": STAFF,  # invitations and agenda
    "meeting.attend": STAFF,  # record attendance, show the check-in QR code
    "meeting.checkin": EVERYONE_BUSINESS,  # 扫码签到 by a logged-in invitee
    "meeting.close": STAFF,  # minutes and decisions
    "meeting.reschedule": STAFF,  # 改期, by the convening org, before the meeting is held
    "meeting.cancel": STAFF,  # 取消, by the convening org, before the meeting is held
    "meeting.export": STAFF,
    "decision.forward": STAFF,
    "action_item.view": STAFF | UNIT,
    "action_item.create": STAFF,
    "action_item.report": STAFF | UNIT,  # progress and "done", by the lead (or a co-) org
    "action_item.accept": STAFF,  # accept or send back, by the convening org
    "action_item.export": STAFF | UNIT,
})
