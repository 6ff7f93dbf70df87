"""Applying deltas: the facts' own areas' counters now, their ancestors' as pending rows folded
after commit; and suspending the counters for a bulk load."""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

from wulian.core.counters.registry import (
    AREA_MODEL,
    COUNTER_MODEL,
    PENDING_MODEL,
    Contribution,
)

# ------------------------------------------------------------------------- applying deltas


def _model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def ancestor_ids(area_ids: Iterable[int], *, using: str | None = None) -> dict[int, list[int]]:
    """For each area id, the ids of its ancestors, nearest first, itself excluded (two small
    indexed queries)."""
    area = _model(AREA_MODEL)
    ids = set(area_ids)
    if not ids:
        return {}
    paths = dict(area._base_manager.using(using).filter(pk__in=ids).values_list("pk", "path"))
    prefixes: dict[int, list[str]] = {}
    wanted: set[str] = set()
    for pk, path in paths.items():
        codes = [c for c in path.split("/") if c]
        chain = ["/".join(codes[: i + 1]) + "/" for i in range(len(codes) - 1)]
        prefixes[pk] = list(reversed(chain))
        wanted.update(chain)
    by_path = dict(
        area._base_manager.using(using).filter(path__in=wanted).values_list("path", "pk")
    )
    return {pk: [by_path[p] for p in chain if p in by_path] for pk, chain in prefixes.items()}


def split(delta: Contribution, *, using: str | None = None) -> tuple[Contribution, Contribution]:
    """The delta at the facts' own areas, and the deltas it makes at their ancestors."""
    own = {k: v for k, v in delta.items() if v}
    chains = ancestor_ids({a for a, _k, _p in own}, using=using)
    up: Contribution = defaultdict(int)
    for (area_id, key, period), value in own.items():
        for anc in chains.get(area_id, []):
            up[(anc, key, period)] += value
    return own, {k: v for k, v in up.items() if v}


def _upsert(
    cursor: Any, table: str, rows: list[tuple[tuple[int, str, str], int]], q: Callable[[str], str]
) -> None:
    for start in range(0, len(rows), 200):
        chunk = rows[start : start + 200]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for (area_id, key, period), value in chunk:
            params += [area_id, key, period, value]
        cursor.execute(
            f"INSERT INTO {table} (area_id, {q('key')}, period, value) VALUES {values} "  # noqa: S608 (the counter tables' quoted names; values are parameters)
            f"ON CONFLICT (area_id, {q('key')}, period) DO UPDATE SET value = {table}.value + excluded.value",
            params,
        )


def _insert(
    cursor: Any, table: str, rows: list[tuple[tuple[int, str, str], int]], q: Callable[[str], str]
) -> None:
    for start in range(0, len(rows), 200):
        chunk = rows[start : start + 200]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for (area_id, key, period), value in chunk:
            params += [area_id, key, period, value]
        sql = f"INSERT INTO {table} (area_id, {q('key')}, period, value) VALUES {values}"  # noqa: S608 (the counter tables' quoted names; values are parameters)
        cursor.execute(sql, params)


_state = threading.local()
_after_commit: list[Callable[[], Any]] = []


def on_pending(fn: Callable[[], Any]) -> None:
    """Run ``fn`` after each commit that left pending deltas (the figures app enqueues the fold)."""
    if fn not in _after_commit:
        _after_commit.append(fn)


def _run_after_commit() -> None:
    for fn in _after_commit:
        fn()


def apply(delta: Contribution, *, using: str | None = None) -> None:
    """Add the delta to the counters: the facts' own areas' rows now (one upsert), their
    ancestors' as pending rows (one insert, no lock on any shared row)."""
    if not delta or getattr(_state, "off", False):
        return
    using = using or DEFAULT_DB_ALIAS
    own, up = split(delta, using=using)
    if not own:
        return
    connection = connections[using]
    q = connection.ops.quote_name
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        _upsert(cursor, q(_model(COUNTER_MODEL)._meta.db_table), sorted(own.items()), q)
        if up:
            _insert(cursor, q(_model(PENDING_MODEL)._meta.db_table), sorted(up.items()), q)
    if up and _after_commit:
        pending = getattr(connection, "run_on_commit", [])
        if not any(item[1] is _run_after_commit for item in pending):
            transaction.on_commit(_run_after_commit, using=using)


def fold_pending(*, using: str | None = None) -> int:
    """Fold the pending deltas into their areas' counters and delete them, in one transaction;
    returns the number of pending rows folded. Safe to run concurrently: a row is deleted (and so
    folded) by exactly one run, and rows of transactions not yet committed wait for the next."""
    using = using or DEFAULT_DB_ALIAS
    connection = connections[using]
    q = connection.ops.quote_name
    pending = q(_model(PENDING_MODEL)._meta.db_table)
    counter = q(_model(COUNTER_MODEL)._meta.db_table)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {pending} RETURNING area_id, {q('key')}, period, value")  # noqa: S608 (the counter tables' quoted names; values are parameters)
        found = cursor.fetchall()
        sums: dict[tuple[int, str, str], int] = defaultdict(int)
        for area_id, key, period, value in found:
            sums[(area_id, key, period)] += value
        rows = sorted((k, v) for k, v in sums.items() if v)
        if rows:
            _upsert(cursor, counter, rows, q)
    return len(found)


# ------------------------------------------------------------------------- suspending


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Do not maintain counters inside this block (the caller recomputes them afterwards)."""
    previous = getattr(_state, "off", False)
    _state.off = True
    try:
        yield
    finally:
        _state.off = previous
