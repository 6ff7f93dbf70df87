from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "wulian.notifications"
    label = "notifications"
    verbose_name = _("消息通知")
    menu = [
        {
            "label": _("消息通知"),
            "url": "notifications:list",
            "icon": "bell",
            "action": "notification.view",
            "group": _("个人"),
        },
    ]
