from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "wulian.centres"
    label = "centres"
    verbose_name = _("党群服务中心")
    menu = [
        {
            "label": _("党群服务中心"),
            "url": "centres:list",
            "icon": "house-heart",
            "action": "centre.view",
            "group": _("利益联结"),
        },
    ]
