from django.apps import AppConfig
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

        registrations.register_all()
        registry.connect_signals()
