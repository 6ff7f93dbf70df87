"""The figures registry: each fact model is registered once, with the counters it feeds.

A registration says where a fact sits (``area``: a lookup path to an ``areas.Area`` foreign key,
e.g. ``"area"`` or ``"org__area"``), which counters it adds to (``buckets``: key → function of the
fact returning a bool or an int; or ``facts``: a function returning ``{key: amount}`` for keys
that depend on the row, such as ``orgs.kind.<kind>``) and, optionally, which month it falls in
(``month``: a function returning a datetime or date, bucketed in Asia/Shanghai).

Every save and delete of a registered model changes the counters of the fact's area and of every
ancestor (grid → community → street → district → city) by the difference between the fact's
contribution before and after, with one ``INSERT ... ON CONFLICT DO UPDATE SET value = value + ?``
inside the same transaction as the fact change. ``queryset.update()`` and ``bulk_create`` send no
signals: every registered model declares a manager whose queryset is a
``figures.managers.FactQuerySet``, which counts them the same way (the ``figures.E001`` system
check names any registered model that does not). ``bulk_update``, raw SQL and writes through
``_base_manager`` are not counted and must not be used on registered facts. Bulk loaders (the
scale generator) run inside ``suspended()`` and call ``figures.services.recompute()`` afterwards.

A fact placed through other rows (``area="lead_org__area"``) moves when one of those rows is
saved with a different link: an org moved to another area moves its duties' counters with it (see
"moves" below: the facts hanging on the row are read before and after the save, and the
difference applied).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from wulian.figures.models import ALL_TIME

Amounts = dict[str, int]
# (area_id, key, period) -> amount, at the fact's own area (not yet rolled up)
Contribution = dict[tuple[int, str, str], int]


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
        when = self.month(obj)
        if when is None:
            return None
        if isinstance(when, dt.datetime):
            if timezone.is_aware(when):
                when = timezone.localtime(when)
            when = when.date()
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


_REGISTRY: dict[type[models.Model], list[Registration]] = defaultdict(list)
LABELS: dict[str, str] = {}  # key (or "prefix.*") -> label shown on dashboards


def register(model: type[models.Model], *, area: str = "area",
             buckets: dict[str, Callable[[Any], Any]] | None = None,
             facts: Callable[[Any], Amounts] | None = None,
             month: Callable[[Any], Any] | None = None,
             select_related: Iterable[str] = (),
             labels: dict[str, str] | None = None) -> Registration:
    """Register a fact model's counters (call once per model and month basis)."""
    if (buckets is None) == (facts is None):
        raise ValueError("give exactly one of buckets= or facts=")
    if buckets is not None:
        static = dict(buckets)

        def facts(obj: Any, _b: dict = static) -> Amounts:  # noqa: F811
            return {k: int(fn(obj)) for k, fn in _b.items()}

    reg = Registration(model=model, area=area, facts=facts, month=month,
                       select_related=tuple(select_related), keys=tuple(buckets or ()))
    _REGISTRY[model].append(reg)
    LABELS.update(labels or {})
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


def stored_contribution(model: type[models.Model], pks: Iterable[Any], *, using: str | None = None) -> Contribution:
    """The summed contributions of the rows of ``model`` with these keys, as stored now."""
    return contribution_of_all(model._base_manager.using(using).filter(pk__in=list(pks)))


def diff(before: Contribution, after: Contribution) -> Contribution:
    out: Contribution = {}
    for k in set(before) | set(after):
        d = after.get(k, 0) - before.get(k, 0)
        if d:
            out[k] = d
    return out


# ------------------------------------------------------------------------- applying deltas


def ancestor_ids(area_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each area id, the ids of the area and all its ancestors (two small indexed queries)."""
    from wulian.areas.models import Area

    ids = set(area_ids)
    if not ids:
        return {}
    paths = dict(Area.objects.filter(pk__in=ids).values_list("pk", "path"))
    prefixes: dict[int, list[str]] = {}
    wanted: set[str] = set()
    for pk, path in paths.items():
        codes = [c for c in path.split("/") if c]
        chain = ["/".join(codes[: i + 1]) + "/" for i in range(len(codes))]
        prefixes[pk] = chain
        wanted.update(chain)
    by_path = dict(Area.objects.filter(path__in=wanted).values_list("path", "pk"))
    return {pk: [by_path[p] for p in chain if p in by_path] for pk, chain in prefixes.items()}


def roll_up(delta: Contribution) -> dict[tuple[int, str, str], int]:
    chains = ancestor_ids({a for a, _k, _p in delta})
    out: dict[tuple[int, str, str], int] = defaultdict(int)
    for (area_id, key, period), value in delta.items():
        for anc in chains.get(area_id, [area_id]):
            out[(anc, key, period)] += value
    return {k: v for k, v in out.items() if v}


def apply(delta: Contribution) -> None:
    """Add the delta to the counters of each fact area and its ancestors, in one statement."""
    rows = roll_up(delta)
    if not rows:
        return
    from wulian.figures.models import Counter

    table = connection.ops.quote_name(Counter._meta.db_table)
    items = sorted(rows.items())  # a stable order: concurrent writers lock rows alike
    for start in range(0, len(items), 200):
        chunk = items[start:start + 200]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for (area_id, key, period), value in chunk:
            params += [area_id, key, period, value]
        sql = (
            f"INSERT INTO {table} (area_id, key, period, value) VALUES {values} "
            f"ON CONFLICT (area_id, key, period) DO UPDATE SET value = {table}.value + excluded.value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


# ------------------------------------------------------------------------- suspending

_state = threading.local()


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Do not maintain counters inside this block (the caller recomputes them afterwards)."""
    previous = getattr(_state, "off", False)
    _state.off = True
    try:
        yield
    finally:
        _state.off = previous


def tracked(model: type[models.Model]) -> bool:
    """Whether writes to ``model`` move counters here and now: it is registered, and the thread
    is not inside ``suspended()``."""
    return model in _REGISTRY and not getattr(_state, "off", False)


# ------------------------------------------------------------------------- signal handlers

_OLD = "_figures_before"


def _pre_save(sender, instance, raw=False, **kwargs):
    if getattr(_state, "off", False):
        setattr(instance, _OLD, None)
        return
    if raw or instance._state.adding or instance.pk is None:
        setattr(instance, _OLD, {})
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    setattr(instance, _OLD, contribution_of(old) if old is not None else {})


def _post_save(sender, instance, created=False, raw=False, **kwargs):
    if raw or getattr(_state, "off", False):
        return
    before = getattr(instance, _OLD, {}) if not created else {}
    apply(diff(before, contribution_of(instance)))
    setattr(instance, _OLD, {})


def _pre_delete(sender, instance, **kwargs):
    setattr(instance, _OLD, contribution_of(instance))


def _post_delete(sender, instance, **kwargs):
    if getattr(_state, "off", False):
        return
    apply(diff(getattr(instance, _OLD, {}), {}))


# ------------------------------------------------------------------------- moves


@dataclass(frozen=True)
class Hop:
    """A row that places facts of another model: saving ``model`` with a new ``field`` value
    moves the facts ``fact.objects.filter(<lookup>=row)``, e.g. Org.area_id for the duties
    registered at ``lead_org__area`` (lookup ``lead_org``)."""

    model: type[models.Model]
    field: str  # the attname followed towards the area, e.g. "area_id", "org_id"
    fact: type[models.Model]
    lookup: str


def hops() -> dict[type[models.Model], list[Hop]]:
    """The rows each registration's area path passes through, by their model."""
    out: dict[type[models.Model], list[Hop]] = defaultdict(list)
    for reg in registrations():
        parts = reg.area.split("__")
        model = reg.model
        for i, part in enumerate(parts[:-1]):
            model = model._meta.get_field(part).related_model
            hop = Hop(model=model, field=model._meta.get_field(parts[i + 1]).attname, fact=reg.model,
                      lookup="__".join(parts[: i + 1]))
            if hop not in out[model]:
                out[model].append(hop)
    return out


_HOPS: dict[type[models.Model], list[Hop]] = {}
_MOVING = "_figures_moving"


def _facts_on(hop: Hop, row: models.Model) -> Contribution:
    related = {r for reg in registrations(hop.fact) for r in reg.related}
    qs = hop.fact._base_manager.filter(**{hop.lookup: row.pk}).select_related(*related)
    return contribution_of_all(qs)


def _pre_move(sender, instance, raw=False, **kwargs):
    setattr(instance, _MOVING, None)
    if raw or instance._state.adding or instance.pk is None or getattr(_state, "off", False):
        return
    watched = _HOPS.get(sender, [])
    old = sender._base_manager.filter(pk=instance.pk).values(*{h.field for h in watched}).first()
    if old is None:
        return
    moving = [h for h in watched if old[h.field] != getattr(instance, h.field)]
    if moving:
        setattr(instance, _MOVING, [(h, _facts_on(h, instance)) for h in moving])


def _post_move(sender, instance, raw=False, **kwargs):
    moving = getattr(instance, _MOVING, None)
    setattr(instance, _MOVING, None)
    if raw or not moving or getattr(_state, "off", False):
        return
    for hop, before in moving:
        apply(diff(before, _facts_on(hop, instance)))


def connect_signals() -> None:
    for model in _REGISTRY:
        uid = f"figures:{model._meta.label}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + ":pre_save")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + ":post_save")
        pre_delete.connect(_pre_delete, sender=model, dispatch_uid=uid + ":pre_delete")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + ":post_delete")
    _HOPS.clear()
    _HOPS.update(hops())
    for model in _HOPS:
        uid = f"figures-moves:{model._meta.label}"
        pre_save.connect(_pre_move, sender=model, dispatch_uid=uid + ":pre_save")
        post_save.connect(_post_move, sender=model, dispatch_uid=uid + ":post_save")


__all__ = ["register", "registrations", "contribution_of", "apply", "connect_signals", "suspended", "tracked"]
