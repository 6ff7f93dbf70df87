"""The scoring method, as a pure function of canonical inputs, and the freezing of results.

``compute(inputs)`` is what publication runs and what verification re-runs: the same JSON in,
the same results out. Numbers are Decimal strings rounded half-up to 0.01, so the computation is
identical on every machine and engine.

Method (published with the results):

- criteria score (互评): for each criterion of the org's side, the mean of the raters' values
  (0–100); the criteria score is their weighted mean over the criteria that were scored;
- satisfaction score (群众满意度): the mean of residents' ratings (1–5) × 20;
- service score (服务实绩): the units' service record where the linkages exist (needs served and
  rated, agreement fulfilment), 0–100;
- total: the weighted mean of the components present, with the round's weights (the weights of
  absent components are shared out in proportion, so a missing figure neither helps nor hurts);
- ranking (method 2, ``METHOD``): in three separate tables (``group``): units, street party
  organizations, community party organizations (``level`` of the led area in the inputs). Equal
  totals share a rank and the next rank skips (并列: 1, 1, 3); within a tie, rows are listed by
  name. 共驻共建先进单位: the units ranked within the top ``exemplary_share`` % (at least one place;
  a tie at that place honours every tied unit) whose total is at least ``exemplary_min``.
- ranking (method 1, ``METHOD_V1``, rounds published before method 2): per side, streets and
  communities together, ties broken by name; exemplary: the first ``exemplary_share`` % of units.
  Kept so that those rounds re-verify with the method they were published with.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from wulian.core.crypto import sm3_hex

CENT = Decimal("0.01")
METHOD_V1 = "wulian.evaluations.scoring/1"
METHOD = "wulian.evaluations.scoring/2"
GROUPS = ("unit", "street", "community")  # the ranking tables of method 2, in the order shown


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(text: str) -> str:
    return sm3_hex(text)


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(q(value))


def _criteria_mean(
    scores: dict[int, list[int]], criteria: dict[int, dict[str, Any]], side: str
) -> tuple[Decimal | None, dict[str, str]]:
    """The weighted mean of an org's criteria scores (those of its side), and each criterion's mean."""
    num = den = Decimal(0)
    per_criterion = {}
    for cid, values in sorted(scores.items()):
        c = criteria[cid]
        if c["side"] != side or not values:
            continue
        mean = Decimal(sum(values)) / Decimal(len(values))
        w = Decimal(c["weight"])
        num += w * mean
        den += w
        per_criterion[c["name"]] = str(q(mean))
    return (num / den if den else None), per_criterion


def _weighted_total(components: dict[str, Decimal | None], weights: dict[str, Decimal]) -> Decimal:
    num = den = Decimal(0)
    for name, value in components.items():
        if value is not None and weights[name]:
            num += weights[name] * q(value)
            den += weights[name]
    return q(num / den) if den else Decimal("0.00")


def _row(
    org: dict[str, Any],
    scores: dict[int, list[int]],
    criteria: dict[int, dict[str, Any]],
    sat: Any,
    service: Any,
    weights: dict[str, Decimal],
) -> dict[str, Any]:
    criteria_score, per_criterion = _criteria_mean(scores, criteria, org["side"])
    components: dict[str, Decimal | None] = {
        "criteria": criteria_score,
        "satisfaction": None,
        "service": None,
    }
    if sat and sat[1]:
        components["satisfaction"] = Decimal(sat[0]) * 20 / Decimal(sat[1])
    if service is not None:
        components["service"] = Decimal(service)
    return {
        "org": org["id"],
        "name": org["name"],
        "side": org["side"],
        "area": org["area"],
        "criteria": _s(components["criteria"]),
        "satisfaction": _s(components["satisfaction"]),
        "service": _s(components["service"]),
        "total": str(_weighted_total(components, weights)),
        "per_criterion": per_criterion,
        "answers": sat[1] if sat else 0,
    }


def _rank_groups(
    rows: list[dict[str, Any]], rnd: dict[str, Any], orgs: list[dict[str, Any]]
) -> None:
    """Rank within each group (units, streets, communities); equal totals share one rank."""
    levels = {o["id"]: o.get("level") for o in orgs}
    for r in rows:
        r["group"] = (
            "unit"
            if r["side"] == "unit"
            else ("street" if levels.get(r["org"]) == "street" else "community")
        )
    for group in GROUPS:
        ranked = sorted(
            (r for r in rows if r["group"] == group),
            key=lambda r: (-Decimal(r["total"]), r["name"], r["org"]),
        )
        previous, rank = None, 0
        for n, r in enumerate(ranked, start=1):
            if r["total"] != previous:  # a new total starts a new rank; equal totals share one
                rank, previous = n, r["total"]
            r["rank"] = rank
            r["exemplary"] = False
        if group == "unit" and ranked:
            quota = max(1, math.floor(len(ranked) * int(rnd["exemplary_share"]) / 100))
            floor = Decimal(rnd["exemplary_min"])
            for r in ranked:
                r["exemplary"] = r["rank"] <= quota and Decimal(r["total"]) >= floor


def compute(inputs: dict[str, Any], method: str = METHOD) -> list[dict[str, Any]]:
    rnd = inputs["round"]
    weights = {k: Decimal(v) for k, v in rnd["weights"].items()}
    criteria = {c["id"]: c for c in inputs["criteria"]}
    by_ratee: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for criterion_id, _rater, ratee, value in inputs["scores"]:
        by_ratee[ratee][criterion_id].append(value)
    satisfaction = {int(k): v for k, v in inputs["satisfaction"].items()}
    service = {int(k): v for k, v in inputs["service"].items()}
    rows = [
        _row(
            org,
            by_ratee.get(org["id"], {}),
            criteria,
            satisfaction.get(org["id"]),
            service.get(org["id"]),
            weights,
        )
        for org in inputs["orgs"]
    ]
    if method == METHOD_V1:
        _rank_v1(rows, rnd)
        rows.sort(key=lambda r: (r["side"], r["rank"]))
        return rows
    if method != METHOD:
        raise ValueError(f"unknown scoring method {method!r}")
    _rank_groups(rows, rnd, inputs["orgs"])
    rows.sort(key=lambda r: (r["group"], r["rank"], r["name"], r["org"]))
    return rows


def _rank_v1(rows: list[dict[str, Any]], rnd: dict[str, Any]) -> None:
    for side in ("unit", "community"):
        ranked = sorted(
            (r for r in rows if r["side"] == side),
            key=lambda r: (-Decimal(r["total"]), r["name"], r["org"]),
        )
        for n, r in enumerate(ranked, start=1):
            r["rank"] = n
            r["exemplary"] = False
        if side == "unit" and ranked:
            quota = max(1, math.floor(len(ranked) * int(rnd["exemplary_share"]) / 100))
            floor = Decimal(rnd["exemplary_min"])
            for r in ranked[:quota]:
                r["exemplary"] = Decimal(r["total"]) >= floor
