"""Who may do what with 党建活动: staff of the levels run them (and the units' contacts see the ones
they organise); anyone with an account of the platform signs in by scanning the QR code."""

from wulian.accounts.rules import EVERYONE_BUSINESS, STAFF, UNIT, register

register(
    {
        "activity.view": STAFF | UNIT,  # in the user's subtrees, or organised by the user's unit
        "activity.create": STAFF,
        "activity.update": STAFF,  # edit, record a sign-in sheet, show the QR code
        "activity.checkin": EVERYONE_BUSINESS,  # 扫码签到, one sign-in per person
        "activity.export": STAFF,
    }
)
