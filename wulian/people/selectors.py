from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wulian.accounts.selectors import scope_for
from wulian.people.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.people.models import ErasureRequest


def visible_people(user: User | AnonymousUser | None) -> QuerySet[Person]:
    """People living in the user's subtrees, members of the user's unit, and the user."""
    return (
        scope_for(user)
        .filter(Person.objects.all(), area="home_area", org="party_org", person="pk")
        .select_related("home_area", "party_org")
    )


def visible_erasure_requests(user: User | AnonymousUser | None) -> QuerySet[ErasureRequest]:
    """Deletion requests of people living in the user's subtrees (community staff decide them)."""
    from wulian.people.models import ErasureRequest

    return (
        scope_for(user)
        .filter(ErasureRequest.objects.all(), area="area")
        .select_related("person", "area", "decided_by")
    )
