from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "wulian.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")
    menu = [
        {
            "label": _("账号管理"),
            "url": "accounts:users",
            "icon": "person-gear",
            "action": "user.view",
            "group": _("系统"),
        },
        {
            "label": _("注册审核"),
            "url": "accounts:signup_list",
            "icon": "person-check",
            "action": "signup.review",
            "group": _("系统"),
        },
        {
            "label": _("居民与联络员账号"),
            "url": "accounts:local_account_list",
            "icon": "people",
            "action": "account.local_manage",
            "group": _("系统"),
        },
        {
            "label": _("数据保存期限"),
            "url": "web:retention",
            "icon": "hourglass-split",
            "action": "retention.view",
            "group": _("系统"),
        },
    ]

    def ready(self):
        # Session bookkeeping is part of signing in, wherever it happens (the login page, SMS
        # login, the test client's force_login): Django's own login signals are the one place.
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from wulian.accounts import signals

        user_logged_in.connect(signals.on_login, dispatch_uid="wulian_login_session")
        user_logged_out.connect(signals.on_logout, dispatch_uid="wulian_logout_session")
        from axes.signals import user_locked_out

        user_locked_out.connect(signals.on_lockout, dispatch_uid="wulian_lockout_tokens")
        # The database cache's table is not a model: make it after every migrate (and flush),
        # so `make run`, benchmarks and test databases always have it. A no-op once it exists.
        from django.db.models.signals import post_migrate

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="wulian_cache_table")


def create_cache_table(sender, using="default", verbosity=0, **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
