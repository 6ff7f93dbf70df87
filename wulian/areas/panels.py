"""What other apps add to the area page; the areas app imports none of them.

- ``register(fn)``, ``fn(request, area) -> str | None``: a panel under the page (rendered HTML,
  or None when the user may not see it), shown in order of registration.
- ``register_columns(fn)``, ``fn(request, area, children) -> list[Column]``: columns of the
  table of child areas, and totals at the top of the page (orgs and people add their counts).
- ``register_line(fn)``, ``fn(request, area) -> str | None``: a line under the area's name
  (HTML; the orgs app names the leading party organization).

Apps register from their own ``panels.py``, imported by their ``AppConfig.ready``. The HTML of panels
and lines is marked safe as it comes: render it from a template (which escapes what it shows)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString, mark_safe

_PANELS: list[Callable] = []
_COLUMNS: list[Callable] = []
_LINES: list[Callable] = []


@dataclass(frozen=True)
class Column:
    """One column of the child-area table: ``cells`` maps a child's path to its value. ``total``
    (shown at the top as ``total_label``, element id ``total_id``) is the figure for the area
    itself; ``link`` is a URL name that lists the rows of a child with ``?area=<code>``."""

    key: str
    heading: str
    cells: Mapping[str, Any] = field(default_factory=dict)
    numeric: bool = True
    total: int | None = None
    total_label: str = ""
    total_id: str = ""
    link: str = ""
    link_label: str = ""


def register(panel: Callable) -> Callable:
    _PANELS.append(panel)
    return panel


def register_columns(columns: Callable) -> Callable:
    _COLUMNS.append(columns)
    return columns


def register_line(line: Callable) -> Callable:
    _LINES.append(line)
    return line


def panels_for(request, area) -> list[SafeString]:
    rendered = (panel(request, area) for panel in _PANELS)
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 (each registered function returns a template it rendered, autoescaped)


def columns_for(request, area, children: list) -> list[Column]:
    return [column for columns in _COLUMNS for column in columns(request, area, children)]


def lines_for(request, area) -> list[SafeString]:
    rendered = (line(request, area) for line in _LINES)
    return [mark_safe(html) for html in rendered if html]  # noqa: S308 (each registered function returns a template it rendered, autoescaped)
