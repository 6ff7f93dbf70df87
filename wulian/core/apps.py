from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wulian.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from wulian.core import crypto, forms

        crypto.self_test()
        forms.install()  # the text policy on every form of the pages (core/forms.py)
        from django.contrib.auth.signals import user_logged_in

        from wulian.core.middleware import mark_session_touched

        user_logged_in.connect(mark_session_touched, dispatch_uid="wulian.session_touched")
        # Every app's rules.py registers its actions in the role × action table.
        # ... its personal_data.py what it holds about a person (core.personal_data), and its
        # figures.py the facts it feeds the counters with (core.counters).
        # The kernel names no app: Django's app registry lists them (INSTALLED_APPS order).
        autodiscover_modules("rules")
        autodiscover_modules("personal_data")
        autodiscover_modules("figures")
