from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "wulian.resources"
    label = "resources"
    verbose_name = _("共享资源")
    menu = [
        {
            "label": _("共享资源清单"),
            "url": "resources:inventory",
            "icon": "share",
            "action": "resource.view",
            "group": _("利益联结"),
        },
        {
            "label": _("预约管理"),
            "url": "resources:booking_list",
            "icon": "calendar-check",
            "action": "booking.view",
            "group": _("利益联结"),
        },
        {
            "label": _("预约共享资源"),
            "url": "resources:browse",
            "icon": "share",
            "action": "resource.browse",
            "group": _("利益联结"),
        },
        {
            "label": _("我的预约"),
            "url": "resources:my_bookings",
            "icon": "calendar-check",
            "action": "resource.book",
            "group": _("利益联结"),
        },
    ]

    def ready(self) -> None:
        from wulian.core.todos import register
        from wulian.resources.selectors import booking_todos

        register(booking_todos)
