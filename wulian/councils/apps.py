from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "wulian.councils"
    label = "councils"
    verbose_name = _("居民议事会")
    menu = [
        {
            "label": _("居民议事会"),
            "url": "councils:list",
            "resident_url": "councils:my",
            "icon": "people-fill",
            "action": "council.view",
            "group": _("组织联建"),
        },
    ]

    def ready(self) -> None:
        from wulian.core import todos
        from wulian.councils.selectors import todos_for

        todos.register(todos_for)
