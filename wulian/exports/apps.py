from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "wulian.exports"
    label = "exports"
    verbose_name = _("后台导出")
    menu = [
        {
            "label": _("我的导出"),
            "url": "exports:list",
            "icon": "download",
            "action": "export.own",
            "group": _("个人"),
        },
    ]

    def ready(self):
        # Each app registers its large exports in its own exporters.py (as rules.py registers
        # actions); this app never imports them by name.
        autodiscover_modules("exporters")
        # Background imports find their importer by key in core.imports.IMPORTERS, filled as
        # each app's importers.py defines its Importer subclass.
        autodiscover_modules("importers")
