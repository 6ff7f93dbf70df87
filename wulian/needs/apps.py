from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "wulian.needs"
    label = "needs"
    verbose_name = _("群众需求")
    menu = [
        {
            "label": _("我的需求"),
            "url": "needs:mine",
            "icon": "chat-heart",
            "action": "need.post",
            "group": _("利益联结"),
        },
        {
            "label": _("需求菜单（接单）"),
            "url": "needs:menu",
            "icon": "list-check",
            "action": "need.claim",
            "group": _("利益联结"),
        },
        {
            "label": _("我接的单"),
            "url": "needs:claimed",
            "icon": "clipboard-check",
            "action": "need.claim",
            "group": _("利益联结"),
        },
        {
            "label": _("群众需求管理"),
            "url": "needs:list",
            "icon": "card-list",
            "action": "need.list",
            "group": _("利益联结"),
        },
        {
            "label": _("在职党员社区报到"),
            "url": "needs:register",
            "icon": "person-check",
            "action": "need.register",
            "group": _("利益联结"),
        },
        {
            "label": _("报到党员"),
            "url": "needs:registrations",
            "icon": "people",
            "action": "need.list",
            "group": _("利益联结"),
        },
        {
            "label": _("利益补偿台账"),
            "url": "needs:ledger",
            "icon": "award",
            "action": "compensation.view",
            "group": _("利益联结"),
        },
    ]

    def ready(self) -> None:
        from wulian.core.todos import register
        from wulian.needs import rules  # noqa: F401
        from wulian.needs.selectors import todos

        register(todos)
