from wulian.accounts.models import RoleKind
from wulian.accounts.rules import STAFF, UNIT, register

register({
    "duty.view": STAFF | UNIT,
    "duty.create": STAFF,
    "duty.assign": STAFF,
    "duty.report": STAFF | UNIT,
    "duty.import": STAFF,
    "duty.export": STAFF | UNIT,
    "holiday.view": STAFF | {RoleKind.SYSTEM_ADMIN},
    "holiday.manage": {RoleKind.CITY_ADMIN, RoleKind.SYSTEM_ADMIN},
})
