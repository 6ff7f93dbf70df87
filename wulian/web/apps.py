from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The web layer: view and API helpers, the menu, pickers, context processors, the demo
    loader and the commands that drive the whole platform. It sits above every domain app;
    nothing below imports it (docs/architecture.md, import-linter contracts)."""

    name = "wulian.web"
    label = "web"
    verbose_name = _("界面")
