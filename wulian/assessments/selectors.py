"""Reads of 政绩考核 and 述职评议: scoped lists, who a system assesses, and its table — each figure
read through the app that keeps it (needs, agreements, dispatches, evaluations), per area and year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from wulian.accounts.selectors import scope_for
from wulian.agreements.selectors import fulfilled_rate_in_year
from wulian.areas.models import Area
from wulian.assessments.models import Indicator, IndicatorSystem, ManualScore, Report, Source
from wulian.dispatches.selectors import rectifications_on_time_in_year
from wulian.evaluations.selectors import satisfaction_in_year
from wulian.needs.selectors import served_in_year
from wulian.orgs.models import Kind, Org

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# The platform's own figures, per area path and year.
FIGURES: dict[str, Callable[[list[str], int], dict]] = {
    Source.NEEDS_SERVED: served_in_year,
    Source.AGREEMENTS_FULFILLED: fulfilled_rate_in_year,
    Source.RECTIFICATIONS_ON_TIME: rectifications_on_time_in_year,
    Source.SATISFACTION: satisfaction_in_year,
}
# Counts are scored against the best of the assessed (the best scores 100); rates are scores.
COUNTS = {Source.NEEDS_SERVED}


def visible_systems(user: User | AnonymousUser | None) -> QuerySet[IndicatorSystem]:
    return scope_for(user).filter(IndicatorSystem.objects.all(), area="area").select_related("area")


def visible_reports(user: User | AnonymousUser | None) -> QuerySet[Report]:
    return (
        scope_for(user)
        .filter(Report.objects.all(), area="area")
        .select_related("org", "area__parent")
    )


def assessed(system: IndicatorSystem) -> list[tuple[Area, Org]]:
    """The areas directly below the system's level, each with the org that answers for it (its
    leading org, else its governance committee, as ``meetings.selectors.level_org``). Two queries."""
    children = list(Area.objects.filter(parent=system.area).order_by("path"))
    found: dict[int, Org] = {}
    for org in Org.objects.filter(
        Q(leads__in=children) | Q(kind=Kind.GOVERNANCE_COMMITTEE, area__in=children)
    ).order_by("leads", "pk"):
        area_id = org.leads_id or org.area_id
        if area_id not in found or (org.leads_id and not found[area_id].leads_id):
            found[area_id] = org
    return [(a, found[a.pk]) for a in children if a.pk in found]


def reportable_orgs(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """Orgs a user may submit a 述职 report for: the user's own orgs that answer for an area."""
    return (
        Org.objects.filter(pk__in=sorted(scope_for(user).own_org_ids))
        .exclude(leads=None)
        .select_related("leads")
    )


@dataclass
class Row:
    area: Area
    org: Org
    values: list[Decimal | int | None] = field(default_factory=list)  # the raw figure per indicator
    scores: list[Decimal | None] = field(default_factory=list)  # 0–100 per indicator
    total: Decimal = Decimal(0)
    rank: int = 0
    report: Report | None = None


@dataclass
class Table:
    system: IndicatorSystem
    indicators: list[Indicator]
    rows: list[Row]


def competition_ranks(totals: list[Decimal]) -> list[int]:
    """1, 1, 3: equal totals share a rank, the next rank skips as many."""
    ordered = sorted(totals, reverse=True)
    return [ordered.index(t) + 1 for t in totals]


def _score(ind: Indicator, value: Decimal | int | None, best: Decimal | int) -> Decimal | None:
    """A count scores against the best assessed org (=100), a rate is its own score (≤ 100)."""
    if value is None:
        return None
    if ind.source in COUNTS:
        return (Decimal(value) * HUNDRED / Decimal(best)).quantize(CENT) if best else Decimal(0)
    return min(Decimal(value), HUNDRED).quantize(CENT)


def table(system: IndicatorSystem) -> Table:
    """Rows = the assessed orgs, columns = the indicators: each raw figure, its score and the
    weighted total (a missing figure scores 0), ranked with ties sharing a rank, beside the 述职
    report of the year. A fixed number of queries per indicator, whatever the number of orgs
    (the agreements' figure reads each agreement's monthly table)."""
    indicators = list(system.indicators.all())
    pairs = assessed(system)
    paths = [a.path for a, _o in pairs]
    figures = {
        s: FIGURES[s](paths, system.year) for s in {i.source for i in indicators} if s in FIGURES
    }
    manual = {
        (m.indicator_id, m.org_id): m.score
        for m in ManualScore.objects.filter(indicator__system=system)
    }
    reports = {
        r.org_id: r for r in Report.objects.filter(year=system.year, org__in=[o for _a, o in pairs])
    }
    rows = [Row(area=a, org=o, report=reports.get(o.pk)) for a, o in pairs]
    for ind in indicators:
        values = [
            manual.get((ind.pk, r.org.pk))
            if ind.source == Source.MANUAL
            else figures[ind.source][r.area.path]
            for r in rows
        ]
        best = max((v for v in values if v), default=0)
        for row, value in zip(rows, values, strict=True):
            row.values.append(value)
            score = _score(ind, value, best)
            row.scores.append(score)
            row.total += (score or 0) * ind.weight / HUNDRED
    for row in rows:
        row.total = row.total.quantize(CENT)
    for row, rank in zip(rows, competition_ranks([r.total for r in rows]), strict=True):
        row.rank = rank
    rows.sort(key=lambda r: (r.rank, r.area.path))
    return Table(system=system, indicators=indicators, rows=rows)


def evaluable_reports(user: User | AnonymousUser | None) -> QuerySet[Report]:
    """Reports the user's level evaluates: of orgs whose area lies directly below one of the
    user's subtrees' areas, never of an org the user works for."""
    scope = scope_for(user)
    return (
        Report.objects.filter(scope.paths_q("area__parent"))
        .exclude(org__in=sorted(scope.own_org_ids))
        .select_related("org", "area__parent")
    )
