from django.utils.translation import gettext_lazy as _

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import DEPARTMENT, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register({
    "duty.view": STAFF | DEPARTMENT | UNIT,
    "duty.create": STAFF,
    "duty.assign": STAFF,
    "duty.report": STAFF | UNIT,
    "duty.import": STAFF,
    "duty.export": STAFF | UNIT,
    "holiday.view": STAFF,
    # The national holiday table is business data: the city's staff and admins keep it (never
    # the 三员: issue 16, defect 9).
    "holiday.manage": {RoleKind.CITY_ADMIN, RoleKind.CITY_STAFF},
})

register_notifications({
    "duty.create": Kind(_("新的清单事项"), (To.OFFICIALS, To.LINE),
                        _("牵头单位的管理员、工作人员和联络员；牵头单位所属条线部门（其层级覆盖该单位）的管理员和工作人员")),
    "duty.assign": Kind(_("上级下达事项"), (To.OFFICIALS, To.LINE),
                        _("承接事项的牵头单位的管理员、工作人员和联络员；该单位所属条线部门（其层级覆盖该单位）的管理员和工作人员")),
    "duty.report": Kind(_("清单事项有新进展"), (To.OFFICIALS,), _("下达事项的上级单位的管理员和工作人员")),
})
