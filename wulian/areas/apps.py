from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "wulian.areas"
    label = "areas"
    verbose_name = _("行政区划")
    menu = [
        {"label": _("区域浏览"), "url": "areas:browse", "icon": "diagram-3", "action": "area.view", "group": _("基础信息")},
    ]
