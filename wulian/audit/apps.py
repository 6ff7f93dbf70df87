from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "wulian.audit"
    label = "audit"
    verbose_name = _("审计")
    menu = [
        {
            "label": _("审计日志"),
            "url": "audit:list",
            "icon": "journal-text",
            "action": "audit.view",
            "group": _("系统"),
        },
    ]
