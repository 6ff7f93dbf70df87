"""Full recomputation of the counters, and reconciliation with the fact tables."""

from __future__ import annotations

import operator
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from wulian.accounts.models import User
from wulian.areas.models import Area
from wulian.core import counters
from wulian.figures.models import Counter, PendingRollup

if TYPE_CHECKING:
    from wulian.figures.models import ScreenLink

Key = tuple[int, str, str]


def families_of(reg: counters.Registration) -> set[str]:
    """The key families (a key's first segment: ``needs`` of ``needs.posted``) a registration
    writes: its app's and those of its static keys (a ``facts=`` function's keys start with its
    app's label)."""
    return {reg.model._meta.app_label} | {k.split(".", 1)[0] for k in reg.keys}


def _in(families: set[str] | None, key: str) -> bool:
    return families is None or key.split(".", 1)[0] in families


# ------------------------------------------------------------------------- fresh aggregates


def fresh(area: Area | None = None, *, families: set[str] | None = None) -> dict[Key, int]:
    """Every counter as computed now from the fact tables (rolled up), for the whole territory
    or for the areas of one subtree (and only the keys of ``families``, when given). Only the
    areas holding facts, and their ancestors, are read."""
    own: dict[Key, int] = defaultdict(int)
    for reg in counters.registrations():
        if families is not None and not families & families_of(reg):
            continue
        qs = reg.model._base_manager.all()
        if area is not None:
            qs = qs.filter(**{f"{reg.area}__path__startswith": area.path})
        if reg.related:
            qs = qs.select_related(*reg.related)
        for obj in qs.iterator(chunk_size=5000):
            for fact_key, value in reg.contribution(obj).items():
                own[fact_key] += value
    chains = counters.ancestor_ids({a for a, _k, _p in own})
    inside = None if area is None else set(Area.objects.subtree(area).values_list("pk", flat=True))
    out: dict[Key, int] = defaultdict(int)
    for (area_id, key, period), value in own.items():
        for anc in (area_id, *chains.get(area_id, ())):
            if inside is None or anc in inside:
                out[(anc, key, period)] += value
    return {k: v for k, v in out.items() if v and _in(families, k[1])}


def stored(area: Area | None = None, *, families: set[str] | None = None) -> dict[Key, int]:
    """Every counter as stored: its row plus its pending deltas not yet folded (the exact value
    dashboards read); only the keys of ``families``, when given."""
    out: dict[Key, int] = defaultdict(int)
    for model in (Counter, PendingRollup):
        qs = model.objects.all()
        if area is not None:
            qs = qs.filter(area__path__startswith=area.path)
        if families is not None:
            qs = qs.filter(
                reduce(operator.or_, (Q(key__startswith=f"{f}.") for f in families), Q(pk__in=[]))
            )
        for a, k, p, v in qs.values_list("area_id", "key", "period", "value"):
            out[(a, k, p)] += v
    return {key: v for key, v in out.items() if v}


def roll_up_pending() -> int:
    """Fold the pending deltas into the ancestors' counters now; the number of rows folded."""
    return counters.fold_pending()


def recompute(area: Area | None = None) -> int:
    """Rebuild the counters (of one subtree, or all) from the facts; returns the row count.

    The one sanctioned way to build counters after a bulk load inside ``counters.suspended()``,
    e.g. the scale generator. Runs in one transaction; the subtree's pending deltas go with its
    old counters."""
    rows = fresh(area)
    with transaction.atomic():
        for model in (Counter, PendingRollup):
            qs = model.objects.all()
            if area is not None:
                qs = qs.filter(area__path__startswith=area.path)
            qs.delete()
        Counter.objects.bulk_create(
            [Counter(area_id=a, key=k, period=p, value=v) for (a, k, p), v in rows.items()],
            batch_size=2000,
        )
    return len(rows)


@dataclass(frozen=True)
class Difference:
    area_code: str
    area_name: str
    key: str
    period: str
    stored: int
    fresh: int


def check(area: Area | None = None, *, families: set[str] | None = None) -> list[Difference]:
    """Compare every counter (its row plus its pending deltas) with a fresh aggregate; the
    differences (none when all is well). ``families`` limits it to some keys' families (the
    test suite's guard checks only those a test wrote)."""
    want = fresh(area, families=families)
    have = stored(area, families=families)
    keys = sorted(set(want) | set(have), key=lambda k: (k[1], k[2], k[0]))
    bad = [k for k in keys if want.get(k, 0) != have.get(k, 0)]
    names = dict(
        (pk, (code, name))
        for pk, code, name in Area.objects.filter(pk__in={k[0] for k in bad}).values_list(
            "pk", "code", "name"
        )
    )
    return [
        Difference(
            area_code=names.get(a, ("?", "?"))[0],
            area_name=names.get(a, ("?", "?"))[1],
            key=k,
            period=p,
            stored=have.get((a, k, p), 0),
            fresh=want.get((a, k, p), 0),
        )
        for a, k, p in bad
    ]


# ------------------------------------------------------------------------ big-screen links


def share_screen(*, area: Area, by: User | None, days: int) -> ScreenLink:
    """Hand out a read-only big-screen link for ``area`` (1–30 days), audited."""
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from wulian.accounts.services import require, require_area
    from wulian.audit.services import record
    from wulian.figures.models import ScreenLink
    from wulian.figures.screen import MAX_DAYS

    require(by, "figures.share_screen")
    require_area(by, area.path)
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(
            {"days": _("有效期应为1至%(n)d天（填写了%(d)d天）。") % {"n": MAX_DAYS, "d": days}}
        )
    with transaction.atomic():
        link = ScreenLink.objects.create(
            area=area, created_by=by, expires_at=timezone.now() + dt.timedelta(days=days)
        )
        record(
            actor=by,
            action="figures.share_screen",
            obj=link,
            after={"area": area.code, "days": days, "expires_at": link.expires_at},
        )
    return link


def revoke_screen_link(*, link: ScreenLink, by: User | None) -> ScreenLink:
    from django.core.exceptions import ValidationError
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from wulian.accounts.services import require, require_area
    from wulian.audit.services import record
    from wulian.figures.models import ScreenLink

    require(by, "figures.share_screen")
    require_area(by, link.area.path)
    with transaction.atomic():
        locked = ScreenLink.objects.select_for_update().get(pk=link.pk)
        if locked.revoked_at is not None:
            raise ValidationError({"link": _("该链接已撤销。")})
        locked.revoked_at, locked.revoked_by = timezone.now(), by
        locked.save(update_fields=["revoked_at", "revoked_by"])
        record(
            actor=by, action="figures.revoke_screen", obj=locked, after={"area": locked.area.code}
        )
    return locked
