"""Reads of the schedules and their occurrences, scoped by the level's area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wulian.accounts.selectors import scope_for
from wulian.orgs.models import Org
from wulian.schedules.models import Occurrence, Schedule

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User


def visible_schedules(user: User | AnonymousUser | None) -> QuerySet[Schedule]:
    return (
        scope_for(user)
        .filter(Schedule.objects.all(), area="area")
        .select_related("area", "org", "target")
    )


def visible_occurrences(user: User | AnonymousUser | None) -> QuerySet[Occurrence]:
    return (
        scope_for(user)
        .filter(Occurrence.objects.all(), area="area")
        .select_related("area", "schedule__org", "meeting", "inspection__target")
    )


def targets_for(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """Orgs a user's schedule may inspect: those located in the user's subtrees."""
    return (
        scope_for(user)
        .filter(Org.objects.all(), area="area")
        .select_related("area")
        .order_by("area__path", "name")
    )
