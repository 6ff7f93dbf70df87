from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wulian.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")
    menu = [
        {"label": _("账号管理"), "url": "accounts:users", "icon": "person-gear", "action": "user.view", "group": _("系统")},
    ]
