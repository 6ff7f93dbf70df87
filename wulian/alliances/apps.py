from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    name = "wulian.alliances"
    label = "alliances"
    verbose_name = _("组织联建")
    menu = [
        {
            "label": _("区域化党建联盟"),
            "url": "alliances:list",
            "icon": "diagram-3",
            "action": "alliance.view",
            "group": _("组织联建"),
        },
        {
            "label": _("兼职委员"),
            "url": "alliances:member_list",
            "icon": "person-badge",
            "action": "part_time.view",
            "group": _("组织联建"),
        },
        {
            "label": _("社区党组织形式"),
            "url": "alliances:bodies",
            "icon": "flag",
            "action": "alliance.view",
            "group": _("组织联建"),
        },
    ]
