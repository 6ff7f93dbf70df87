"""The units' service record for a round's year, from the other linkages: ``needs`` (needs
served and their ratings) and ``agreements`` (deliveries fulfilled). A unit with neither has no
service component in its totals (its weight shared out, see ``scoring``).
"""

from __future__ import annotations


def scores(rnd, org_ids: list[int]) -> dict[int, str]:
    parts: list[dict[int, float]] = [_needs(rnd, org_ids), _agreements(rnd, org_ids)]
    out: dict[int, str] = {}
    for oid in org_ids:
        values = [p[oid] for p in parts if oid in p]
        if values:
            out[oid] = f"{sum(values) / len(values):.2f}"
    return out


def _needs(rnd, org_ids: list[int]) -> dict[int, float]:
    """Needs the unit took in the round's year: the share served (confirmed by the resident or,
    after the deadline, by the community), blended
    half and half with residents' ratings of them (1–5 stars × 20) where there are any."""
    from django.db.models import Avg, Count, Q

    from wulian.needs.models import HELD_STATES, Need, Rating, State

    rows = (
        Need.objects.filter(
            provider_org_id__in=org_ids, state__in=HELD_STATES, claimed_at__year=rnd.year
        )
        .values("provider_org_id")
        .annotate(held=Count("id"), served=Count("id", filter=Q(state=State.CONFIRMED)))
    )
    ratings = dict(
        Rating.objects.filter(
            need__provider_org_id__in=org_ids, need__claimed_at__year=rnd.year, side="resident"
        )
        .values("need__provider_org_id")
        .annotate(avg=Avg("score"))
        .values_list("need__provider_org_id", "avg")
    )
    out = {}
    for r in rows:
        served = 100.0 * r["served"] / r["held"]
        rating = ratings.get(r["provider_org_id"])
        out[r["provider_org_id"]] = (served + rating * 20) / 2 if rating else served
    return out


def _agreements(rnd, org_ids: list[int]) -> dict[int, float]:
    """The unit's agreement service items with at least one delivery in the round's year that the
    community confirmed, as a share of its items."""
    from django.db.models import Count, Q

    from wulian.agreements.models import ServiceItem

    rows = (
        ServiceItem.objects.filter(
            agreement__unit_id__in=org_ids,
            agreement__start__year__lte=rnd.year,
            agreement__end__year__gte=rnd.year,
        )
        .values("agreement__unit_id")
        .annotate(
            items=Count("id", distinct=True),
            delivered=Count(
                "id",
                distinct=True,
                filter=Q(deliveries__date__year=rnd.year, deliveries__status="confirmed"),
            ),
        )
    )
    return {
        r["agreement__unit_id"]: 100.0 * r["delivered"] / r["items"] for r in rows if r["items"]
    }
