from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "wulian.activities"
    label = "activities"
    verbose_name = _("党建活动")
    menu = [
        {
            "label": _("党建活动"),
            "url": "activities:list",
            "icon": "flag",
            "action": "activity.view",
            "group": _("组织联建"),
        },
    ]
