from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "wulian.figures"
    label = "figures"
    verbose_name = _("数据统计")
    menu = [
        {
            "label": _("数据看板"),
            "url": "figures:home",
            "icon": "bar-chart",
            "action": "figures.view",
            "group": _("数据"),
        },
    ]

    def ready(self) -> None:
        # The apps' facts are registered by their own figures.py (found by core's ready()); here,
        # only the job that folds the ancestors' pending deltas after each commit that left some.
        from wulian.core import counters
        from wulian.figures.tasks import enqueue_roll_up

        counters.on_pending(enqueue_roll_up)
