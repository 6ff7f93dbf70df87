from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulesConfig(AppConfig):
    name = "wulian.schedules"
    label = "schedules"
    verbose_name = _("一月一现场会 · 一季一督导")
    menu = [
        {
            "label": _("现场会与督导计划"),
            "url": "schedules:list",
            "icon": "calendar-check",
            "action": "schedule.view",
            "group": _("责任联动"),
        },
        {
            "label": _("现场会与督导落实"),
            "url": "schedules:occurrences",
            "icon": "calendar-x",
            "action": "schedule.view",
            "group": _("责任联动"),
        },
    ]
