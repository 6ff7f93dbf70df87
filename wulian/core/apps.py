from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wulian.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from importlib import import_module
        from importlib.util import find_spec

        from wulian.apps_registry import all_apps
        from wulian.core import crypto

        crypto.self_test()
        from django.contrib.auth.signals import user_logged_in

        from wulian.core.middleware import mark_session_touched

        user_logged_in.connect(mark_session_touched, dispatch_uid="wulian.session_touched")
        # Every app's rules.py registers its actions in the role × action table.
        # ... its personal_data.py what it holds about a person (core.personal_data), and its
        # figures.py the facts it feeds the counters with (core.counters).
        for module in ("rules", "personal_data", "figures"):
            for name in all_apps():
                if find_spec(f"wulian.{name}.{module}") is not None:
                    import_module(f"wulian.{name}.{module}")
