"""Registrations of fact models, what a fact contributes, and the rows that place facts (hops)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from wulian.core.periods import local_date

ALL_TIME = ""  # the period of a counter that is not split by month
AREA_MODEL = "areas.Area"
COUNTER_MODEL = "figures.Counter"
PENDING_MODEL = "figures.PendingRollup"

Amounts = dict[str, int]
# (area_id, key, period) -> amount
Contribution = dict[tuple[int, str, str], int]


# ------------------------------------------------------------------------- registrations


@dataclass
class Registration:
    model: type[models.Model]
    area: str
    facts: Callable[[Any], Amounts]
    month: Callable[[Any], dt.date | dt.datetime | None] | None = None
    select_related: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()  # the static keys (for documentation and the dashboard)

    @property
    def related(self) -> list[str]:
        """What to ``select_related`` when reading many facts: the rows on the way to the area
        and those the counting functions read."""
        related = [r for r in self.select_related if r]
        if "__" in self.area:
            related.append(self.area.rsplit("__", 1)[0])
        return related

    def area_id(self, obj: Any) -> int | None:
        parts = self.area.split("__")
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return getattr(obj, f"{parts[-1]}_id", None)

    def period(self, obj: Any) -> str | None:
        if self.month is None:
            return None
        when = local_date(self.month(obj))
        if when is None:
            return None
        return f"{when.year:04d}-{when.month:02d}"

    def contribution(self, obj: Any) -> Contribution:
        area_id = self.area_id(obj)
        if area_id is None:
            return {}
        amounts = {k: int(v) for k, v in self.facts(obj).items() if v}
        if not amounts:
            return {}
        out: Contribution = {}
        period = self.period(obj)
        for key, value in amounts.items():
            out[(area_id, key, ALL_TIME)] = out.get((area_id, key, ALL_TIME), 0) + value
            if period:
                out[(area_id, key, period)] = out.get((area_id, key, period), 0) + value
        return out


def _field_reader(name: str) -> Callable[[Any], Any]:
    def read(obj: Any) -> Any:
        return getattr(obj, name, None)

    return read


_REGISTRY: dict[type[models.Model], list[Registration]] = defaultdict(list)
LABELS: dict[str, str] = {}  # key (or "prefix.*") -> label shown on dashboards


def register(
    model: type[models.Model],
    *,
    area: str = "area",
    buckets: dict[str, Callable[[Any], Any]] | None = None,
    facts: Callable[[Any], Amounts] | None = None,
    month: str | Callable[[Any], Any] | None = None,
    select_related: Iterable[str] = (),
    labels: dict[str, Any] | None = None,
) -> Registration:
    """Register a fact model's counters (from the app's ``figures.py``; once per model and
    month basis). ``month`` is a function of the object or the name of its date or time field."""
    if isinstance(month, str):
        month = _field_reader(month)
    if (buckets is None) == (facts is None):
        raise ValueError("give exactly one of buckets= or facts=")
    if buckets is not None:
        static = dict(buckets)

        def facts(obj: Any, _b: dict = static) -> Amounts:  # noqa: F811
            return {k: int(fn(obj)) for k, fn in _b.items()}

    if facts is None:  # for the type checker: the check above makes one of them given
        raise ValueError("give exactly one of buckets= or facts=")
    reg = Registration(
        model=model,
        area=area,
        facts=facts,
        month=month,
        select_related=tuple(select_related),
        keys=tuple(buckets or ()),
    )
    _REGISTRY[model].append(reg)
    LABELS.update(labels or {})
    _HOPS.clear()
    return reg


def registrations(model: type[models.Model] | None = None) -> list[Registration]:
    if model is None:
        return [r for regs in _REGISTRY.values() for r in regs]
    return list(_REGISTRY.get(model, ()))


def registered_models() -> list[type[models.Model]]:
    return list(_REGISTRY)


def clear() -> None:
    """Forget every registration (tests only)."""
    _REGISTRY.clear()
    _HOPS.clear()


# ------------------------------------------------------------------------- contributions


def contribution_of(obj: Any) -> Contribution:
    total: Contribution = {}
    for reg in _REGISTRY.get(type(obj), ()):
        for k, v in reg.contribution(obj).items():
            total[k] = total.get(k, 0) + v
    return total


def contribution_of_all(objs: Iterable[Any]) -> Contribution:
    """The summed contributions of several facts (of any registered models)."""
    total: Contribution = {}
    for obj in objs:
        for k, v in contribution_of(obj).items():
            total[k] = total.get(k, 0) + v
    return total


def _related(model: type[models.Model]) -> list[str]:
    return sorted({r for reg in registrations(model) for r in reg.related})


def stored_contribution(
    model: type[models.Model], pks: Iterable[Any], *, using: str | None = None
) -> Contribution:
    """The summed contributions of the rows of ``model`` with these keys, as stored now."""
    pks = [pk for pk in pks if pk is not None]
    if not pks or model not in _REGISTRY:
        return {}
    qs = model._base_manager.using(using).filter(pk__in=pks)
    if related := _related(model):
        qs = qs.select_related(*related)
    return contribution_of_all(qs)


def diff(before: Contribution, after: Contribution) -> Contribution:
    out: Contribution = {}
    for k in set(before) | set(after):
        d = after.get(k, 0) - before.get(k, 0)
        if d:
            out[k] = d
    return out


def _add(total: Contribution, more: Contribution, sign: int = 1) -> None:
    for k, v in more.items():
        total[k] = total.get(k, 0) + sign * v


# ------------------------------------------------------------------------- moves


@dataclass(frozen=True)
class Hop:
    """A row that places facts of another model: changing ``model``'s ``field`` moves the facts
    ``fact.objects.filter(<lookup>=row)``, e.g. Org.area_id for the duties registered at
    ``lead_org__area`` (lookup ``lead_org``). ``rest`` leads from the row ``field`` points at to
    the area id ("" when ``field`` is the area itself)."""

    model: type[models.Model]
    field: str  # the attname followed towards the area, e.g. "area_id", "org_id"
    fact: type[models.Model]
    lookup: str
    rest: str


_HOPS: dict[type[models.Model], list[Hop]] = {}


def hops(model: type[models.Model] | None = None) -> Any:
    """The rows each registration's area path passes through, by their model."""
    if not _HOPS:
        out: dict[type[models.Model], list[Hop]] = defaultdict(list)
        for reg in registrations():
            parts = reg.area.split("__")
            current: Any = reg.model
            for i, part in enumerate(parts[:-1]):
                current = current._meta.get_field(part).related_model
                field: Any = current._meta.get_field(parts[i + 1])
                hop = Hop(
                    model=current,
                    field=field.attname,
                    fact=reg.model,
                    lookup="__".join(parts[: i + 1]),
                    rest="__".join(parts[i + 2 :]),
                )
                if hop not in out[current]:
                    out[current].append(hop)
        _HOPS.update(out)
        _HOPS[models.Model] = []  # marks the map as built (no fact hangs on the abstract base)
    if model is None:
        return {m: h for m, h in _HOPS.items() if h}
    return _HOPS.get(model, [])
