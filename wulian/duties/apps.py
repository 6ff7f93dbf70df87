from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    name = "wulian.duties"
    label = "duties"
    verbose_name = _("责任清单")
    menu = [
        {
            "label": _("责任清单"),
            "url": "duties:lists",
            "icon": "list-check",
            "action": "duty.view",
            "group": _("责任联动"),
        },
        {
            "label": _("清单事项"),
            "url": "duties:index",
            "icon": "card-checklist",
            "action": "duty.view",
            "group": _("责任联动"),
        },
        {
            "label": _("节假日设置"),
            "url": "duties:holidays",
            "icon": "calendar3",
            "action": "holiday.view",
            "group": _("责任联动"),
        },
    ]

    def ready(self) -> None:
        from wulian.core import todos
        from wulian.duties.selectors import duty_todos

        todos.register(duty_todos)
