from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "wulian.evaluations"
    label = "evaluations"
    verbose_name = _("双向评议")
    menu = [
        {
            "label": _("双向评议"),
            "url": "evaluations:list",
            "icon": "award",
            "action": "evaluation.view",
            "group": _("责任联动"),
        },
    ]

    def ready(self) -> None:
        from wulian.core import todos
        from wulian.evaluations import rules  # noqa: F401
        from wulian.evaluations.selectors import todos_for

        todos.register(todos_for)
