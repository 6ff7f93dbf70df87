"""The counter machinery (kernel): registrations, contributions, deltas, and applying them.

Each app declares its facts in its own ``figures.py`` (found at start-up like ``rules.py``), with
``register(Model, area=..., buckets=... | facts=..., month=...)``:

- ``area``: a lookup path to the area foreign key, e.g. ``"area"`` or ``"org__area"``;
- ``buckets`` (key → function of the fact returning a bool or an int) or ``facts`` (a function
  returning ``{key: amount}``, for keys that depend on the row, such as ``orgs.kind.<kind>``);
- ``month``: a function returning a datetime or date, bucketed in Asia/Shanghai (optional).

Nothing here listens to signals or overrides querysets: every service that writes a registered
fact says so, inside its transaction, with ONE call:

- ``with counters.tracking(obj): obj.state = ...; obj.save()`` — reads the stored contribution
  before and after the block and applies the difference (works for a create inside the block too);
- ``counters.update(queryset, **fields)`` — a conditional update: locks the matching rows, updates
  them, applies the difference, returns the count (use it instead of ``queryset.update()``);
- ``counters.created(objs)`` after ``create`` / ``bulk_create``;
- ``counters.deleted(objs)`` before ``delete`` (the facts the row places are subtracted too:
  they are deleted or unplaced with it).

A fact placed through other rows (``area="lead_org__area"``) moves when one of those rows changes
its link: ``tracking(org)`` (or ``update(Org.objects.filter(...), area=...)``) sees the link change
and moves the facts hanging on the row to the new area ("moves").

Where the numbers go (``apply``): inside the writer's transaction only the counter rows of the
fact's OWN area are upserted (one ``INSERT ... ON CONFLICT DO UPDATE``); the deltas for its
ancestors (community → street → district → city) are appended to the pending table, insert-only
and without a unique key, so writers in different communities never wait on each other. After
commit, a job (``fold_pending``, run by ``figures.tasks.roll_up_pending`` on commit and every
minute) folds the pending rows into the ancestors' counters in one transaction and deletes them.
A counter's exact value at any moment is its row plus its pending rows: dashboards and the
reconciler read both.

The kernel imports no wulian app: it finds the area, counter and pending models by label.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

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
             labels: dict[str, Any] | None = None) -> Registration:
    """Register a fact model's counters (from the app's ``figures.py``; once per model and
    month basis)."""
    if (buckets is None) == (facts is None):
        raise ValueError("give exactly one of buckets= or facts=")
    if buckets is not None:
        static = dict(buckets)

        def facts(obj: Any, _b: dict = static) -> Amounts:  # noqa: F811
            return {k: int(fn(obj)) for k, fn in _b.items()}

    if facts is None:  # for the type checker: the check above makes one of them given
        raise ValueError("give exactly one of buckets= or facts=")
    reg = Registration(model=model, area=area, facts=facts, month=month,
                       select_related=tuple(select_related), keys=tuple(buckets or ()))
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


def stored_contribution(model: type[models.Model], pks: Iterable[Any], *, using: str | None = None) -> Contribution:
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
                hop = Hop(model=current, field=field.attname, fact=reg.model, lookup="__".join(parts[: i + 1]),
                          rest="__".join(parts[i + 2:]))
                if hop not in out[current]:
                    out[current].append(hop)
        _HOPS.update(out)
        _HOPS[models.Model] = []  # marks the map as built (no fact hangs on the abstract base)
    if model is None:
        return {m: h for m, h in _HOPS.items() if h}
    return _HOPS.get(model, [])


def _facts_on(hop: Hop, pks: list[Any], using: str | None = None) -> Contribution:
    qs = hop.fact._base_manager.using(using).filter(**{f"{hop.lookup}__in": pks})
    if related := _related(hop.fact):
        qs = qs.select_related(*related)
    return contribution_of_all(qs)


def _links(model: type[models.Model], pks: list[Any], using: str | None = None) -> dict[Any, dict[str, Any]]:
    fields = sorted({h.field for h in hops(model)})
    if not fields or not pks:
        return {}
    return {row["pk"]: row for row in model._base_manager.using(using).filter(pk__in=pks).values("pk", *fields)}


def _read(model: type[models.Model], pks: list[Any], using: str | None = None
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
    links = {row.pk: {"pk": row.pk, **{f: getattr(row, f) for f in fields}} for row in rows} if fields else {}
    return contribution_of_all(rows), links


def _area_of(hop: Hop, value: Any, using: str | None) -> Any:
    """The area a fact placed through ``hop``'s row reaches when the row's field holds ``value``."""
    if value is None or not hop.rest:
        return value
    target: Any = hop.model._meta.get_field(hop.field).related_model
    return target._base_manager.using(using).filter(pk=value).values_list(f"{hop.rest}_id", flat=True).first()


def _moves(model: type[models.Model], before: dict[Any, dict[str, Any]], after: dict[Any, dict[str, Any]],
           using: str | None) -> Contribution:
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
        pks = list(model._base_manager.using(using).select_for_update()
                   .filter(pk__in=list(queryset.values_list("pk", flat=True))).values_list("pk", flat=True))
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
            pks.update(target.values_list("pk", flat=True) if isinstance(target, models.QuerySet)
                       else [o.pk for o in target])
        pks -= gone.get(model, set())
        for row in model._base_manager.using(using).filter(pk__in=pks):
            before = contribution_of(row)
            setattr(row, field.attname, value)
            _add(delta, diff(before, contribution_of(row)))
    apply(delta, using=using)


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
    by_path = dict(area._base_manager.using(using).filter(path__in=wanted).values_list("path", "pk"))
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


def _upsert(cursor: Any, table: str, rows: list[tuple[tuple[int, str, str], int]], q: Callable[[str], str]) -> None:
    for start in range(0, len(rows), 200):
        chunk = rows[start:start + 200]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for (area_id, key, period), value in chunk:
            params += [area_id, key, period, value]
        cursor.execute(
            f"INSERT INTO {table} (area_id, {q('key')}, period, value) VALUES {values} "
            f"ON CONFLICT (area_id, {q('key')}, period) DO UPDATE SET value = {table}.value + excluded.value",
            params,
        )


def _insert(cursor: Any, table: str, rows: list[tuple[tuple[int, str, str], int]], q: Callable[[str], str]) -> None:
    for start in range(0, len(rows), 200):
        chunk = rows[start:start + 200]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for (area_id, key, period), value in chunk:
            params += [area_id, key, period, value]
        cursor.execute(f"INSERT INTO {table} (area_id, {q('key')}, period, value) VALUES {values}", params)


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
        cursor.execute(f"DELETE FROM {pending} RETURNING area_id, {q('key')}, period, value")
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


__all__ = ["register", "registrations", "tracking", "snapshot", "changed", "update", "created", "deleted",
           "apply", "fold_pending", "suspended", "ALL_TIME"]
