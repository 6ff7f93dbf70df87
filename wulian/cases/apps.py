from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "wulian.cases"
    label = "cases"
    verbose_name = _("矛盾纠纷")
    menu = [
        {
            "label": _("矛盾纠纷"),
            "url": "cases:list",
            "icon": "exclamation-diamond",
            "action": "case.view",
            "group": _("条块联管"),
        },
        {
            "label": _("化解统计"),
            "url": "cases:stats",
            "icon": "bar-chart",
            "action": "case.view",
            "group": _("条块联管"),
        },
        {
            "label": _("反映问题"),
            "url": "cases:report",
            "icon": "megaphone",
            "action": "case.report",
            "group": _("条块联管"),
        },
        {
            "label": _("我反映的问题"),
            "url": "cases:mine_list",
            "icon": "chat-square-text",
            "action": "case.follow",
            "group": _("条块联管"),
        },
    ]

    def ready(self) -> None:
        from wulian.areas import panels
        from wulian.cases import selectors
        from wulian.core import todos

        todos.register(selectors.todos)
        panels.register(selectors.area_panel)
