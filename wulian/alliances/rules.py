from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import ADMINS, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register(
    {
        "alliance.view": STAFF | UNIT,
        "alliance.create": STAFF,
        "alliance.manage": STAFF,  # members and activities
        "alliance.export": STAFF,
        "part_time.view": STAFF | UNIT,
        "part_time.create": ADMINS,
        "part_time.update": ADMINS,
        "part_time.record_activity": STAFF,
        "part_time.export": STAFF,
    }
)

register_notifications(
    {
        "part_time.term_ending": Kind(
            _("兼职委员任期将满"), (To.ADMINS,), _("兼职委员所在党组织的管理员")
        ),
    }
)
