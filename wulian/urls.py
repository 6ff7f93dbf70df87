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
for _name in all_apps():
    if _name not in ("core", "web") and find_spec(f"wulian.{_name}.urls") is not None:
        urlpatterns.append(path(f"{_name}/", include(f"wulian.{_name}.urls")))
# The benchmarks' bare baseline, only where the development tools are installed (never in production).
if apps.is_installed("wulian_bench"):
    urlpatterns.append(path("bench/", include("wulian_bench.urls")))

handler403 = "wulian.core.errors.permission_denied"
handler404 = "wulian.core.errors.page_not_found"
handler500 = "wulian.core.errors.server_error"
