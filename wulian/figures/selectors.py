"""Reads of the counters: an area's figures, its children's, monthly trends; a constant number of
queries whatever the number of facts or children."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.areas.models import Area, FunctionalArea, Level
from wulian.areas.selectors import functional_areas
from wulian.core.counters import LABELS
from wulian.figures.models import ALL_TIME, Counter, PendingRollup

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django_stubs_ext import StrOrPromise

# The dashboard's sections: (title, [(key, label)]). A key no registered app feeds is hidden.
SECTIONS: list[tuple[StrOrPromise, list[tuple[str, StrOrPromise]]]] = [
    (
        _("组织联建"),
        [
            ("orgs.total", _("组织总数")),
            ("orgs.units", _("驻区单位")),
            ("orgs.party_bodies", _("已建党组织")),
            ("people.party_members", _("党员")),
            ("alliances.part_time_members", _("兼职委员")),
            ("alliances.alliances", _("区域化党建联盟")),
            ("councils.councils", _("居民议事会")),
        ],
    ),
    (
        _("条块联管"),
        [
            ("meetings.held", _("联席会议召开")),
            ("meetings.attendances", _("联席会议参会人次")),
            ("meetings.items", _("议定事项")),
            ("meetings.items_closed_on_time", _("按期办结事项")),
            ("cases.total", _("矛盾纠纷")),
            ("cases.resolved", _("化解纠纷")),
            ("cases.property_resolved", _("化解物业纠纷")),
            ("funds.projects", _("项目")),
            ("funds.facilities", _("设施")),
            ("funds.received_wan", _("到位资金(万元)")),
            ("funds.allocated_wan", _("拨付资金(万元)")),
            ("funds.spent_wan", _("支出资金(万元)")),
        ],
    ),
    (
        _("利益联结"),
        [
            ("resources.total", _("共享资源")),
            ("resources.opened", _("开放资源")),
            ("resources.bookings", _("资源预约")),
            ("needs.posted", _("群众需求")),
            ("needs.claimed", _("已认领")),
            ("needs.served", _("已服务")),
            ("needs.avg_response_hours", _("平均响应(小时)")),
            ("agreements.signed", _("服务协议")),
            ("agreements.fulfilled", _("履约")),
            ("activities.lecture_attendances", _("党课听课人次")),
        ],
    ),
    (
        _("责任联动"),
        [
            ("duties.total", _("责任事项")),
            ("duties.done_on_time", _("按期完成")),
            ("duties.done_late", _("逾期完成")),
            ("duties.overdue", _("逾期未完成")),
            ("dispatches.criticisms", _("通报批评")),
            ("dispatches.rectified", _("整改核验通过")),
            ("dispatches.rectified_on_time", _("按期整改")),
            ("evaluations.answers", _("满意度答卷")),
            ("evaluations.avg_satisfaction", _("平均满意度(5分)")),
            ("evaluations.satisfaction_rate", _("满意率(%)")),
            ("evaluations.exemplary", _("共驻共建先进单位")),
        ],
    ),
]
# The columns of the drill-down table and the bars of the chart.
HEADLINE_ALL = [
    "orgs.units",
    "people.party_members",
    "alliances.part_time_members",
    "cases.resolved",
    "funds.projects",
    "funds.facilities",
    "resources.opened",
    "resources.bookings",
    "needs.posted",
    "needs.served",
    "duties.overdue",
    "evaluations.answers",
]
# The monthly chart shows what happened in each month (flows). Totals and states (组织总数, 逾期未完成)
# are stocks: they are read on the cards and the table, never on the month axis, where a total
# loaded in one month would tower over every month's flow.
TREND_KEYS = [
    "needs.posted",
    "needs.served",
    "resources.bookings",
    "meetings.held",
    "cases.resolved",
    "evaluations.answers",
]


def headline_keys() -> list[str]:
    keys = known_keys()
    return [k for k in HEADLINE_ALL if k in keys]


def _derived(values: dict[str, int]) -> dict[str, float | int]:
    out: dict[str, float | int] = dict(values)
    answers = values.get("evaluations.answers", 0)
    if answers:
        out["evaluations.avg_satisfaction"] = round(
            values.get("evaluations.satisfaction_sum", 0) / answers, 2
        )
        out["evaluations.satisfaction_rate"] = round(
            100 * values.get("evaluations.satisfied", 0) / answers, 1
        )
    responded = values.get("needs.responded", 0)
    if responded:
        out["needs.avg_response_hours"] = round(
            values.get("needs.response_minutes", 0) / responded / 60, 1
        )
    for money in ("funds.received_fen", "funds.allocated_fen", "funds.spent_fen"):
        if money in values:
            out[money.replace("_fen", "_yuan")] = round(values[money] / 100, 2)
            out[money.replace("_fen", "_wan")] = round(values[money] / 1_000_000, 2)
    return out


@functools.cache
def known_keys() -> frozenset[str]:
    """Every key some registration feeds (and the figures derived from them); fixed at start-up."""
    return frozenset(_known_keys())


def _known_keys() -> set[str]:
    from wulian.core.counters import registrations

    keys: set[str] = set()
    for reg in registrations():
        keys.update(reg.keys)
    keys.update(k for k in LABELS if not k.endswith("*"))
    if "duties.total" in keys:
        keys.add("duties.overdue")
    if "needs.responded" in keys:
        keys.add("needs.avg_response_hours")
    if "evaluations.answers" in keys:
        keys.update({"evaluations.avg_satisfaction", "evaluations.satisfaction_rate"})
    for money in ("received", "allocated", "spent"):
        if f"funds.{money}_fen" in keys:
            keys.add(f"funds.{money}_yuan")
            keys.add(f"funds.{money}_wan")
    return keys


def _all_time(
    area_ids: Sequence[int], child_ids: Sequence[int] = (), child_keys: Sequence[str] = ()
) -> dict[int, dict[str, int]]:
    """The all-time counters of some areas (every key) and of their children (``child_keys``
    only), with ``duties.overdue`` (open duties whose due month has ended) folded in.

    One statement, a UNION ALL of ranges of the covering index ``(area, period, key, value)``,
    whatever the number of facts, and the same ranges of the (small) pending table: a counter's
    exact value is its row plus its deltas not yet folded into it. Written as SQL: it is the
    dashboards' hot path, and building it through the ORM cost more than running it."""
    overdue = "duties.total" in known_keys()
    key = connection.ops.quote_name("key")

    def marks(values: Sequence[object]) -> str:
        return ", ".join(["%s"] * len(values))

    parts: list[str] = []
    params: list = []
    for model in (Counter, PendingRollup):
        table = connection.ops.quote_name(model._meta.db_table)
        select = f"SELECT area_id, {key}, period, value FROM {table} WHERE "  # noqa: S608 (the counter tables' quoted names; values are parameters)
        parts.append(select + f"area_id IN ({marks(area_ids)}) AND period = %s")
        params += [*area_ids, ALL_TIME]
        if child_ids and child_keys:
            parts.append(
                select
                + f"area_id IN ({marks(child_ids)}) AND period = %s AND {key} IN ({marks(child_keys)})"
            )
            params += [*child_ids, ALL_TIME, *child_keys]
        if overdue:
            everyone = [*area_ids, *child_ids]
            parts.append(
                select
                + f"area_id IN ({marks(everyone)}) AND {key} = %s AND period > %s AND period < %s"
            )
            params += [*everyone, "duties.open", ALL_TIME, months(1)[0]]
    out: dict[int, dict[str, int]] = {
        pk: ({"duties.overdue": 0} if overdue else {}) for pk in [*area_ids, *child_ids]
    }
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for area_id, name, period, value in cursor.fetchall():
            if period == ALL_TIME:
                out[area_id][name] = out[area_id].get(name, 0) + value
            else:
                out[area_id]["duties.overdue"] += value
    return out


def area_figures(area: Area) -> dict[str, float | int]:
    return _derived(_all_time([area.pk])[area.pk])


def figures_and_children(
    area: Area,
) -> tuple[dict[str, float | int], list[tuple[Area, dict[str, float | int]]]]:
    """An area's figures and its children's headline figures (the drill-down), in two queries:
    the children, then their counters and the area's."""
    figures, children, _functional = figures_children_functional(area)
    return figures, children


def figures_children_functional(
    area: Area,
) -> tuple[
    dict[str, float | int],
    list[tuple[Area, dict[str, float | int]]],
    list[tuple[FunctionalArea, dict[str, float | int]]],
]:
    """As ``figures_and_children``, plus a city's functional areas (功能区: 天府新区, 高新区) with the
    sums of their streets' headline figures, read in the same counter query (two more queries for
    the functional areas and their streets). Their streets stay in their districts: the functional
    rows are never added to the city's figures."""
    children = list(Area.objects.filter(parent_id=area.pk).order_by("code"))
    functional = functional_areas(area) if area.level == Level.CITY else []
    street_ids = sorted(
        {s.pk for fa in functional for s in fa.streets.all()} - {c.pk for c in children}
    )
    values = _all_time([area.pk], [c.pk for c in children] + street_ids, _child_keys())
    rows = []
    for fa in functional:
        summed: dict[str, int] = defaultdict(int)
        for street in fa.streets.all():
            for key, value in values[street.pk].items():
                summed[key] += value
        rows.append((fa, _derived(dict(summed))))
    return _derived(values[area.pk]), [(c, _derived(values[c.pk])) for c in children], rows


def _child_keys() -> list[str]:
    return headline_keys() + [
        "evaluations.satisfaction_sum",
        "evaluations.satisfied",
        "needs.responded",
        "needs.response_minutes",
    ]


def months(n: int = 12, today: dt.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    y, m = today.year, today.month
    out = []
    for _i in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return list(reversed(out))


def trend(
    area: Area, keys: list[str] | None = None, n: int = 12
) -> tuple[list[str], dict[str, list[int]]]:
    periods = months(n)
    keys = keys or TREND_KEYS
    found: dict[str, dict[str, int]] = defaultdict(dict)
    rows, pending = (
        model.objects.filter(
            area_id=area.pk, key__in=keys, period__gte=periods[0], period__lte=periods[-1]
        ).values_list("key", "period", "value")
        for model in (Counter, PendingRollup)
    )
    for key, period, value in rows.union(
        pending, all=True
    ):  # a counter's row plus its deltas not yet folded
        found[key][period] = found[key].get(period, 0) + value
    return periods, {k: [found[k].get(p, 0) for p in periods] for k in keys if k in found}


def counter_value(area: Area, key: str, period: str = ALL_TIME) -> int:
    """One counter's exact value: its row plus its pending deltas (tests and checks)."""
    total = 0
    for model in (Counter, PendingRollup):
        total += sum(
            model.objects.filter(area_id=area.pk, key=key, period=period).values_list(
                "value", flat=True
            )
        )
    return total


def prefixed(values: dict[str, float | int], prefix: str) -> dict[str, float | int]:
    return {k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix)}


@dataclass
class Dashboard:
    area: Area
    sections: list[tuple[str, list[tuple[str, str, float | int]]]]
    children: list[tuple[Area, dict[str, float | int]]]
    headline: list[tuple[str, str]]
    figures: dict[str, float | int]
    functional: list[tuple[FunctionalArea, dict[str, float | int]]] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[Area, list[float | int]]]:
        return [(c, [v.get(k, 0) for k, _l in self.headline]) for c, v in self.children]

    @property
    def functional_rows(self) -> list[tuple[FunctionalArea, list[float | int]]]:
        return [(fa, [v.get(k, 0) for k, _l in self.headline]) for fa, v in self.functional]

    @property
    def district_units(self) -> int:
        """区(市)县 as the city's reporting counts them: its districts and its functional areas."""
        return len(self.children) + len(self.functional)


def dashboard(area: Area) -> Dashboard:
    figures, children, functional = figures_children_functional(area)
    keys = set(known_keys()) | set(figures)
    sections = []
    for title, items in SECTIONS:
        shown = [
            (k, str(label), figures.get(k, 0)) for k, label in items if k in keys or k in figures
        ]
        if shown:
            sections.append((str(title), shown))
    labels = {k: str(label) for _t, items in SECTIONS for k, label in items}
    headline = [(k, labels.get(k, k)) for k in headline_keys()]
    return Dashboard(
        area=area,
        sections=sections,
        children=children,
        headline=headline,
        figures=figures,
        functional=functional,
    )
