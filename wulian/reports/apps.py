from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "wulian.reports"
    label = "reports"
    verbose_name = _("随手拍")
    menu = [
        {
            "label": _("随手拍"),
            "url": "reports:list",
            "icon": "camera",
            "action": "report.view",
            "group": _("条块联管"),
        },
        {
            "label": _("我的随手拍"),
            "url": "reports:mine_list",
            "icon": "camera",
            "action": "report.follow",
            "group": _("条块联管"),
        },
    ]

    def ready(self) -> None:
        from wulian.core import todos
        from wulian.reports import (
            rules,  # noqa: F401  (registers actions and notification kinds)
            selectors,
        )

        todos.register(selectors.todos)
