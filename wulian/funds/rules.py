from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import ADMINS, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register(
    {
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
    }
)

register_notifications(
    {
        "fund.allocated": Kind(_("资金已拨付"), (To.ADMINS,), _("收到拨付的社区党组织的管理员")),
    }
)
