"""Service agreements: drafted by the area's party organization (area roles), confirmed by both
sides, deliveries recorded by the unit."""

from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register({
    "agreement.view": STAFF | DEPARTMENT | UNIT,  # list, detail, fulfilment, PDF
    "agreement.create": STAFF,
    "agreement.update": STAFF,  # edit a draft and its items, submit, revise, end
    "agreement.confirm": STAFF | UNIT,  # each side confirms for itself
    "delivery.create": STAFF | UNIT,
    "delivery.confirm": STAFF,  # the community (party side) confirms or rejects what the unit recorded
})

register_notifications({
    "agreement.submitted": Kind(_("共建协议待确认"), (To.UNIT_CONTACTS,), _("签约单位的联络员")),
    "agreement.in_force": Kind(_("共建协议已生效"), (To.OFFICIALS,),
                               _("签约单位的联络员和区域党组织的管理员、工作人员")),
    "delivery.rejected": Kind(_("服务记录未获社区确认"), (To.UNIT_CONTACTS,), _("签约单位的联络员")),
    "delivery.confirm_overdue": Kind(_("服务记录逾期未确认"), (To.AREA_STAFF,),
                                     _("协议所在区域党组织的管理员和工作人员")),
})
