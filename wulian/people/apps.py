from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "wulian.people"
    label = "people"
    verbose_name = _("人员")
    menu = [
        {
            "label": _("人员管理"),
            "url": "people:list",
            "icon": "people",
            "action": "person.view",
            "group": _("基础信息"),
        },
        {
            "label": _("个人信息删除申请"),
            "url": "people:erasure_list",
            "icon": "person-x",
            "action": "erasure.decide",
            "group": _("基础信息"),
        },
    ]

    def ready(self) -> None:
        from wulian.accounts.related import register_person_recorder
        from wulian.people import panels  # noqa: F401  (registers what it adds to the area page)
        from wulian.people.services import create_person

        register_person_recorder(create_person)  # a verified resident sign-up records a person
