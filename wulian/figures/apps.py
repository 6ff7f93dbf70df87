from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "wulian.figures"
    label = "figures"
    verbose_name = _("数据统计")
    menu = [
        {"label": _("数据看板"), "url": "figures:home", "icon": "bar-chart", "action": "figures.view", "group": _("数据")},
    ]

    def ready(self) -> None:
        from wulian.figures import registrations, registry
        from wulian.figures.checks import fact_managers

        registrations.register_all()
        registry.connect_signals()
        checks.register(fact_managers, checks.Tags.models)
