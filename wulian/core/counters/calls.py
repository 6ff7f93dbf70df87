"""The services' calls, inside their transaction: tracking, update, created, deleted."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, models, transaction

from wulian.core.counters.deltas import apply
from wulian.core.counters.moves import _moves, _read
from wulian.core.counters.registry import (
    _REGISTRY,
    Contribution,
    _add,
    contribution_of,
    contribution_of_all,
    diff,
    hops,
    stored_contribution,
)

# ------------------------------------------------------------------------- the services' calls


@dataclass
class Snapshot:
    """What some rows contribute, as stored: their own facts and the links of the rows that place
    other facts."""

    rows: dict[type[models.Model], list[Any]]
    facts: Contribution
    links: dict[type[models.Model], dict[Any, dict[str, Any]]]
    using: str | None = None


def _by_model(objs: Iterable[models.Model]) -> dict[type[models.Model], list[Any]]:
    out: dict[type[models.Model], list[Any]] = defaultdict(list)
    for obj in objs:
        out[type(obj)].append(obj)
    return out


def snapshot(*objs: models.Model, using: str | None = None) -> Snapshot:
    """The stored contribution of these rows now (before a change; see ``changed``)."""
    rows = _by_model(objs)
    facts: Contribution = {}
    links = {}
    for model, items in rows.items():
        stored, model_links = _read(model, [o.pk for o in items], using)
        _add(facts, stored)
        if hops(model):
            links[model] = model_links
    return Snapshot(rows=rows, facts=facts, links=links, using=using)


def changed(*objs: models.Model, before: Snapshot) -> None:
    """Apply the difference between the rows' stored contribution now and ``before``."""
    using = before.using
    rows = _by_model(objs)
    for model, items in before.rows.items():
        for obj in items:
            if obj not in rows[model]:
                rows[model].append(obj)
    after: Contribution = {}
    delta: Contribution = {}
    for model, items in rows.items():
        stored, links = _read(model, [o.pk for o in items], using)
        _add(after, stored)
        if model in before.links:
            _add(delta, _moves(model, before.links[model], links, using))
    _add(delta, diff(before.facts, after))
    apply(delta, using=using)


@contextlib.contextmanager
def tracking(*objs: models.Model, using: str | None = None) -> Iterator[None]:
    """``with counters.tracking(obj): ...; obj.save()``: the counters move by the difference
    between what the rows contribute after the block and before it (nothing if it raises)."""
    before = snapshot(*objs, using=using)
    yield
    changed(*objs, before=before)


def update(queryset: models.QuerySet, **fields: Any) -> int:
    """``queryset.update(**fields)`` that keeps the counters: locks the matching rows, updates
    those rows only (a row that starts matching meanwhile is left alone rather than changed
    uncounted), applies the difference of their contributions; returns the number of rows."""
    model, using = queryset.model, queryset.db
    if model not in _REGISTRY and not hops(model):
        return queryset.update(**fields)
    with transaction.atomic(using=using):
        pks = list(
            model._base_manager.using(using)
            .select_for_update()
            .filter(pk__in=list(queryset.values_list("pk", flat=True)))
            .values_list("pk", flat=True)
        )
        if not pks:
            return 0
        before, links = _read(model, pks, using)
        n = queryset.filter(pk__in=pks).update(**fields)
        if n:
            after, links_after = _read(model, pks, using)
            delta = diff(before, after)
            if links:
                _add(delta, _moves(model, links, links_after, using))
            apply(delta, using=using)
        return n


def created(objs: Any, *, using: str | None = None) -> None:
    """Count rows just created (``create``, ``bulk_create``), as they are in memory."""
    if isinstance(objs, models.Model):
        objs = [objs]
    apply(contribution_of_all(objs), using=using)


def deleted(objs: Any, *, using: str | None = None) -> None:
    """Uncount rows about to be deleted, with every fact their deletion takes along (cascades) or
    changes (``SET_NULL`` and the like), as Django's deletion collector finds them. Call it just
    before ``delete()``, in the same transaction."""
    from django.db.models.deletion import Collector

    objs = [objs] if isinstance(objs, models.Model) else list(objs)
    if not objs:
        return
    using = using or DEFAULT_DB_ALIAS
    collector = Collector(using=using)
    collector.collect(objs)
    gone: dict[type[models.Model], set[Any]] = defaultdict(set)
    for model, instances in collector.data.items():
        gone[model].update(o.pk for o in instances)
    for qs in collector.fast_deletes:
        if qs.model in _REGISTRY:
            gone[qs.model].update(qs.values_list("pk", flat=True))
    delta: Contribution = {}
    for model, ids in gone.items():
        _add(delta, stored_contribution(model, ids, using=using), -1)
    for (field, value), targets in collector.field_updates.items():
        model = field.model
        if model not in _REGISTRY:
            continue
        pks: set[Any] = set()
        target: Any
        for target in targets:
            pks.update(
                target.values_list("pk", flat=True)
                if isinstance(target, models.QuerySet)
                else [o.pk for o in target]
            )
        pks -= gone.get(model, set())
        for row in model._base_manager.using(using).filter(pk__in=pks):
            before = contribution_of(row)
            setattr(row, field.attname, value)
            _add(delta, diff(before, contribution_of(row)))
    apply(delta, using=using)
