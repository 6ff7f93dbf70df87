from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchesConfig(AppConfig):
    name = "wulian.dispatches"
    label = "dispatches"
    verbose_name = _("调度通报")
    menu = [
        {
            "label": _("调度通报"),
            "url": "dispatches:list",
            "icon": "megaphone",
            "action": "dispatch.view",
            "group": _("责任联动"),
        },
        {
            "label": _("限期整改"),
            "url": "dispatches:rectifications",
            "icon": "tools",
            "action": "rectification.view",
            "group": _("责任联动"),
        },
        {
            "label": _("督导检查"),
            "url": "dispatches:inspections",
            "icon": "search",
            "action": "inspection.view",
            "group": _("责任联动"),
        },
        {
            "label": _("问询问责"),
            "url": "dispatches:inquiries",
            "icon": "question-circle",
            "action": "inquiry.view",
            "group": _("责任联动"),
        },
    ]

    def ready(self) -> None:
        from wulian.core import todos
        from wulian.dispatches.selectors import dispatch_todos

        todos.register(dispatch_todos)
