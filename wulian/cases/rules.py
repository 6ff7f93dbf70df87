from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, PEOPLE, STAFF, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

register({
    "case.view": STAFF | DEPARTMENT,  # departments: the cases handled by units of their line
    "case.create": STAFF,
    "case.report": PEOPLE,  # a resident or party member reports a problem in their home area
    "case.follow": PEOPLE,  # the reporter follows their own reports and their timeline, nothing else
    "case.resolve": STAFF,
    "case.export": STAFF,
    "case.import": STAFF,
})

register_notifications({
    "case.new": Kind(_("新的矛盾纠纷"), (To.AREA_STAFF,), _("案件所在区域（网格内的案件为所在社区）党组织的管理员和工作人员")),
    "case.resolved": Kind(_("反映的问题已化解"), (To.PERSON,), _("反映问题的居民本人")),
})
