"""Panels other apps add to the case page: ``register(fn)`` with ``fn(request, case) -> str | None``
(HTML rendered from a template, which escapes what it shows: it is marked safe as it comes; or
None when the user may not see it). The case page shows them in order; the
cases app imports none of those apps (the meetings app adds "put on a joint meeting's agenda")."""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_PANELS: list[Callable] = []


def register(panel: Callable) -> Callable:
    _PANELS.append(panel)
    return panel


def panels_for(request, case) -> list[SafeString]:
    rendered = (panel(request, case) for panel in _PANELS)
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 (each registered function returns a template it rendered, autoescaped)
