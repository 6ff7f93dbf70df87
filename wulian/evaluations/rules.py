from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import ADMINS, PEOPLE, STAFF, UNIT, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register(
    {
        "evaluation.view": STAFF | UNIT,
        "evaluation.manage": ADMINS,  # create rounds, set criteria and weights, open, publish, decide appeals
        "evaluation.score": STAFF | UNIT,  # communities/streets rate units; units rate communities
        "evaluation.appeal": STAFF | UNIT,
        "evaluation.export": STAFF,
        "evaluation.verify": STAFF | UNIT | PEOPLE,
        "evaluation.survey": PEOPLE,
    }
)

register_notifications(
    {
        "evaluation.exemplary": Kind(
            _("被评为共驻共建先进单位"), (To.OFFICIALS,), _("先进单位的管理员、工作人员和联络员")
        ),
        "evaluation.appeal_decided": Kind(
            _("评议申诉已答复"), (To.OFFICIALS,), _("提出申诉的单位的管理员、工作人员和联络员")
        ),
    }
)
