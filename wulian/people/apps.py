from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wulian.people"
    label = "people"
    verbose_name = _("人员")
    menu = [
        {"label": _("人员管理"), "url": "people:list", "icon": "people", "action": "person.view", "group": _("基础信息")},
    ]
