"""Who may book a resource, and the shared constants of the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings

from wulian.resources.models import (
    ACTIVE_STATUSES,
    BookingStatus,
    Resource,
)

if TYPE_CHECKING:
    from wulian.people.models import Person

RESOURCE_FIELDS = [
    "org",
    "name",
    "kind",
    "area",
    "location",
    "capacity",
    "capacity_unit",
    "description",
    "requires_approval",
    "terms",
    "terms_text",
    "fee_amount",
    "fee_unit",
    "per_person_day",
    "per_person_week",
    "per_household_day",
    "per_household_week",
]
CAP_FIELDS = ("per_person_day", "per_person_week", "per_household_day", "per_household_week")
# Bookings that use up a person's or household's allowance: those holding capacity, and no-shows
# (a slot not used is not given back to the allowance).
ALLOWANCE_STATUSES = (*ACTIVE_STATUSES, BookingStatus.NO_SHOW)
CHECK_IN_EARLY_MINUTES = 30

Hours = Sequence[tuple[int, dt.time, dt.time]]
Blackouts = Sequence[tuple[dt.date, str]]


def no_show_minutes() -> int:
    return int(getattr(settings, "WULIAN_BOOKING_NO_SHOW_MINUTES", 15))


# ------------------------------------------------------------------------------- who may book
# Who may manage a resource or decide a booking: ``resources.rules`` (``can_manage`` and others).


def is_eligible(resource: Resource, person: Person) -> bool:
    """Residents of the eligible areas (subtrees; by default the resource's own area) and party
    members of the eligible orgs may book."""
    paths = [a.path for a in resource.eligible_areas.all()] or [resource.area.path]
    if any(person.home_area.path.startswith(p) for p in paths):
        return True
    return (
        person.party_org_id is not None
        and resource.eligible_orgs.filter(pk=person.party_org_id).exists()
    )
