from importlib.util import find_spec

from django.apps import apps
from django.urls import include, path
from django.views.i18n import set_language

from wulian.api import api
from wulian.apps_registry import all_apps

urlpatterns = [
    path("", include("wulian.web.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
]
urlpatterns += [
    path(f"{name}/", include(f"wulian.{name}.urls"))
    for name in all_apps()
    if name not in ("core", "web") and find_spec(f"wulian.{name}.urls") is not None
]
# The benchmarks' bare baseline, only where the development tools are installed (never in production).
if apps.is_installed("wulian_bench"):
    urlpatterns.append(path("bench/", include("wulian_bench.urls")))

handler403 = "wulian.core.errors.permission_denied"
handler404 = "wulian.core.errors.page_not_found"
handler500 = "wulian.core.errors.server_error"
