from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "wulian.orgs"
    label = "orgs"
    verbose_name = _("组织")
    menu = [
        {
            "label": _("组织管理"),
            "url": "orgs:list",
            "icon": "building",
            "action": "org.view",
            "group": _("基础信息"),
        },
    ]

    def ready(self) -> None:
        from wulian.orgs import panels  # noqa: F401  (registers what it adds to the area page)
