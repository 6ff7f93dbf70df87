from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "wulian.meetings"
    label = "meetings"
    verbose_name = _("联席会议")
    menu = [
        {
            "label": _("党建联席会议"),
            "url": "meetings:list",
            "icon": "people",
            "action": "meeting.view",
            "group": _("条块联管"),
        },
        {
            "label": _("督办事项"),
            "url": "meetings:action_list",
            "icon": "list-check",
            "action": "action_item.view",
            "group": _("条块联管"),
        },
    ]

    def ready(self) -> None:
        from wulian.core import todos
        from wulian.meetings import panels, selectors  # noqa: F401  (panels registers on the case page)

        todos.register(selectors.todos)
