"""一月一现场会 / 一季一督导: the staff of a level see its schedules and what became of them; the
staff of the street, district and city set them up. Missed ones are told to the level's staff."""

from django.utils.translation import gettext_lazy as _

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import STAFF, register
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

LEVEL_STAFF = frozenset(
    {
        RoleKind.CITY_ADMIN,
        RoleKind.CITY_STAFF,
        RoleKind.DISTRICT_ADMIN,
        RoleKind.DISTRICT_STAFF,
        RoleKind.STREET_ADMIN,
        RoleKind.STREET_STAFF,
    }
)

register(
    {
        "schedule.view": STAFF,  # schedules and occurrences in the user's subtrees
        "schedule.manage": LEVEL_STAFF,  # set up / edit a schedule of the user's level
        "schedule.export": STAFF,
    }
)

register_notifications(
    {
        "schedule.missed": Kind(
            _("现场会或督导未落实"),
            (To.AREA_STAFF,),
            _("该层级（街道、区或市）党组织和城乡社区发展治理委员会的管理员和工作人员"),
            urgent=True,
        ),
    }
)
