from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "wulian.agreements"
    label = "agreements"
    verbose_name = _("共建协议")
    menu = [
        {
            "label": _("共建协议"),
            "url": "agreements:list",
            "icon": "file-earmark-text",
            "action": "agreement.view",
            "group": _("利益联结"),
        },
    ]

    def ready(self) -> None:
        from wulian.agreements.selectors import agreement_todos
        from wulian.core.todos import register

        register(agreement_todos)
