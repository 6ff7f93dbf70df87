"""Moves: the facts placed through another row follow that row when its link changes."""

from __future__ import annotations

from typing import Any

from django.db import models

from wulian.core.counters.registry import (
    _REGISTRY,
    Contribution,
    Hop,
    _add,
    _related,
    contribution_of_all,
    diff,
    hops,
)


def _facts_on(hop: Hop, pks: list[Any], using: str | None = None) -> Contribution:
    qs = hop.fact._base_manager.using(using).filter(**{f"{hop.lookup}__in": pks})
    if related := _related(hop.fact):
        qs = qs.select_related(*related)
    return contribution_of_all(qs)


def _links(
    model: type[models.Model], pks: list[Any], using: str | None = None
) -> dict[Any, dict[str, Any]]:
    fields = sorted({h.field for h in hops(model)})
    if not fields or not pks:
        return {}
    return {
        row["pk"]: row
        for row in model._base_manager.using(using).filter(pk__in=pks).values("pk", *fields)
    }


def _read(
    model: type[models.Model], pks: list[Any], using: str | None = None
) -> tuple[Contribution, dict[Any, dict[str, Any]]]:
    """What these stored rows contribute, and the links of those that place other facts: one
    query."""
    pks = [pk for pk in pks if pk is not None]
    if model not in _REGISTRY:
        return {}, _links(model, pks, using)
    if not pks:
        return {}, {}
    qs = model._base_manager.using(using).filter(pk__in=pks)
    if related := _related(model):
        qs = qs.select_related(*related)
    rows = list(qs)
    fields = sorted({h.field for h in hops(model)})
    links = (
        {row.pk: {"pk": row.pk, **{f: getattr(row, f) for f in fields}} for row in rows}
        if fields
        else {}
    )
    return contribution_of_all(rows), links


def _area_of(hop: Hop, value: Any, using: str | None) -> Any:
    """The area a fact placed through ``hop``'s row reaches when the row's field holds ``value``."""
    if value is None or not hop.rest:
        return value
    target: Any = hop.model._meta.get_field(hop.field).related_model
    return (
        target._base_manager.using(using)
        .filter(pk=value)
        .values_list(f"{hop.rest}_id", flat=True)
        .first()
    )


def _moves(
    model: type[models.Model],
    before: dict[Any, dict[str, Any]],
    after: dict[Any, dict[str, Any]],
    using: str | None,
) -> Contribution:
    """The delta of the facts placed through rows whose links changed: the facts as they stand
    now, less the same facts at the area the old link reached."""
    delta: Contribution = {}
    for hop in hops(model):
        for pk, old in before.items():
            new = after.get(pk)
            if new is None or old[hop.field] == new[hop.field]:
                continue
            now = _facts_on(hop, [pk], using)
            old_area = _area_of(hop, old[hop.field], using)
            was: Contribution = {}
            if old_area is not None:
                for (_area, key, period), value in now.items():
                    was[(old_area, key, period)] = was.get((old_area, key, period), 0) + value
            _add(delta, diff(was, now))
    return delta
