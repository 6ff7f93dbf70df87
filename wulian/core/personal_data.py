"""Personal data rights (PIPL arts. 45–47) and retention, as a registry the apps fill in.

The kernel imports no app: each app declares, in its own ``personal_data.py`` (imported at
start-up by ``CoreConfig.ready``, like ``rules.py``), what it holds about a person:

- ``register_section(key, label, rows)``: what a user downloads about themselves (art. 45):
  ``rows(user, person)`` returns a list of ``{column label: value}`` dicts; ``person`` is the
  user's own ``Person`` or ``None``;
- ``register_erasure(key, retained=, erase=)``: for a deletion request (art. 47),
  ``retained(person)`` returns the reason a statutory retention forbids it ("" when none) and
  ``erase(person, by)`` detaches or deletes the app's rows about the person (inside the deciding
  service's transaction);
- ``register_purge(kind, expired)``: ``expired(cutoff)`` returns the queryset of rows of a kind
  of record older than its retention period (``settings.WULIAN_RETENTION``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Section:
    key: str
    label: Any  # a lazy translation
    rows: Callable[[Any, Any], Rows]


@dataclass(frozen=True)
class Erasure:
    key: str
    retained: Callable[[Any], str]
    erase: Callable[[Any, Any], int]


SECTIONS: dict[str, Section] = {}
ERASURES: dict[str, Erasure] = {}
PURGES: dict[str, Callable[[dt.datetime], Any]] = {}


def register_section(key: str, label: Any, rows: Callable[[Any, Any], Rows]) -> None:
    SECTIONS[key] = Section(key, label, rows)


def register_erasure(
    key: str, *, retained: Callable[[Any], str], erase: Callable[[Any, Any], int]
) -> None:
    ERASURES[key] = Erasure(key, retained, erase)


def register_purge(kind: str, expired: Callable[[dt.datetime], Any]) -> None:
    if kind not in settings.WULIAN_RETENTION:
        raise KeyError(f"retention kind {kind!r} is not declared in settings.WULIAN_RETENTION")
    PURGES[kind] = expired


# --- Art. 45: one's own data ---------------------------------------------------------------------


def own_data(user: Any) -> list[tuple[Section, Rows]]:
    """Every section's rows about ``user`` (and their person), in registration order."""
    person = getattr(user, "person", None)
    return [(section, section.rows(user, person)) for section in SECTIONS.values()]


def own_data_json(user: Any) -> bytes:
    data = {str(section.label): rows for section, rows in own_data(user)}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def own_data_xlsx(user: Any) -> bytes:
    """One sheet per section (headers from the rows' keys), cells neutralised like every export."""
    from openpyxl import Workbook

    from wulian.core.spreadsheets import _cell_value, _sheet_title, neutralise

    book = Workbook(write_only=True)
    for section, rows in own_data(user):
        ws = book.create_sheet(title=_sheet_title(str(section.label)))
        headers = list(dict.fromkeys(key for row in rows for key in row))
        ws.append([neutralise(str(h)) for h in headers] or [neutralise(str(section.label))])
        for row in rows:
            ws.append([_cell_value(_plain(row.get(h))) for h in headers])
    from io import BytesIO

    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return value


# --- Art. 47: deletion -----------------------------------------------------------------------------


def retention_reasons(person: Any) -> list[str]:
    """Why the person's data must be kept (empty: it may be anonymised)."""
    return [reason for erasure in ERASURES.values() if (reason := erasure.retained(person))]


def erase_everywhere(person: Any, by: Any) -> dict[str, int]:
    """Let every app detach or delete its rows about ``person``, the highest app first (its rows
    may reach the person through the account, which accounts clears last); the caller holds the
    transaction."""
    return {key: erasure.erase(person, by) for key, erasure in reversed(ERASURES.items())}


# --- Retention and purge ---------------------------------------------------------------------------


def retention_table() -> list[dict[str, Any]]:
    """The declared periods, for the page and the docs: kind, label, days, basis, purged by the job."""
    return [
        {
            "kind": kind,
            "label": entry["label"],
            "days": entry["days"],
            "basis": entry["basis"],
            "purged": kind in PURGES,
        }
        for kind, entry in settings.WULIAN_RETENTION.items()
    ]


def purge_expired(*, now: dt.datetime | None = None, batch: int = 500) -> dict[str, int]:
    """Delete, in batches of ``batch`` rows (short transactions, no long lock), every row older
    than its kind's retention period. Returns the count deleted per kind."""
    from django.db import transaction

    now = now or timezone.now()
    deleted: dict[str, int] = {}
    for kind, expired in PURGES.items():
        cutoff = now - dt.timedelta(days=settings.WULIAN_RETENTION[kind]["days"])
        total = 0
        while True:
            qs = expired(cutoff)
            ids = list(qs.values_list("pk", flat=True)[:batch])
            if not ids:
                break
            with transaction.atomic():
                qs.model._default_manager.filter(pk__in=ids).delete()
            total += len(ids)
        deleted[kind] = total
    return deleted
