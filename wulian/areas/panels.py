"""Panels other apps add to the area page: ``register(fn)`` with ``fn(request, area) -> str | None``
(rendered HTML, or None when the user may not see it). The area page shows them in order."""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_PANELS: list[Callable] = []


def register(panel: Callable) -> Callable:
    _PANELS.append(panel)
    return panel


def panels_for(request, area) -> list[SafeString]:
    rendered = (panel(request, area) for panel in _PANELS)
    return [mark_safe(html) for html in rendered if html]
