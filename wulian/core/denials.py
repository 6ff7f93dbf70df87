"""The one refusal for fields a user may not set: ``FieldDenied`` (a PermissionDenied).

Services raise it after checking each changed field against the app's field rules
(``<app>/rules.py``); the API answers 403 naming the fields, form pages put the message on each
field (``core.views_helpers.submit``)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class FieldDenied(PermissionDenied):
    def __init__(self, fields: Iterable[str]) -> None:
        self.fields = sorted(fields)
        super().__init__(f"may not set: {', '.join(self.fields)}")

    @property
    def message(self) -> str:
        return _("您无权修改这些字段：%(f)s。") % {"f": "、".join(self.fields)}

    def field_messages(self) -> dict[str, list[str]]:
        return {field: [_("您无权修改此字段。")] for field in self.fields}


def changed_fields(obj: Any, changes: dict[str, Any]) -> set[str]:
    """The names in ``changes`` whose value differs from ``obj``'s (objects compare by pk)."""
    changed = set()
    for name, value in changes.items():
        current = getattr(obj, name, None)
        if hasattr(current, "pk") or hasattr(value, "pk"):
            current = getattr(current, "pk", current)
            value = getattr(value, "pk", value)
        if isinstance(current, str) or isinstance(value, str):
            current = (current or "").strip()
            value = (value or "").strip() if isinstance(value, str) or value is None else value
        if current != value:
            changed.add(name)
    return changed
