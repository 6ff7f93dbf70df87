from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "wulian.areas"
    label = "areas"
    verbose_name = _("行政区划")
    menu = [
        {
            "label": _("区域浏览"),
            "url": "areas:browse",
            "icon": "diagram-3",
            "action": "area.view",
            "group": _("基础信息"),
        },
    ]

    def ready(self):
        # A migration or a flush may rewrite the tree without a service: read it afresh after
        # every one (see areas/tree.py).
        from django.db.models.signals import post_migrate

        from wulian.areas.tree import renew_after_migrate

        post_migrate.connect(renew_after_migrate, sender=self, dispatch_uid="wulian_area_tree")
