from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from wulian.accounts.selectors import scope_for
from wulian.alliances.models import Alliance, PartTimeMember
from wulian.areas.models import Area, Level

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User


def visible_alliances(user: User | AnonymousUser | None) -> QuerySet[Alliance]:
    """Alliances in the user's subtrees, and those the user's unit belongs to."""
    scope = scope_for(user)
    q = scope.paths_q("area")
    if scope.unit_org_ids:
        q |= Q(
            pk__in=Alliance.members.through.objects.filter(scope.own_q(unit="org_id")).values(
                "alliance_id"
            )
        )
    return Alliance.objects.filter(q).select_related("lead_org", "area")


def with_alliance_figures(qs: QuerySet[Alliance]) -> QuerySet[Alliance]:
    return qs.annotate(
        member_count=Count("memberships", distinct=True),
        activity_count=Count("activities", distinct=True),
    )


def visible_part_time_members(user: User | AnonymousUser | None) -> QuerySet[PartTimeMember]:
    """Part-time members on committees in the user's subtrees, and those from the user's unit."""
    return (
        scope_for(user)
        .filter(PartTimeMember.objects.all(), area="area", org="unit")
        .select_related("person", "unit", "committee", "area")
    )


def with_led_figures(qs: QuerySet[PartTimeMember]) -> QuerySet[PartTimeMember]:
    return qs.annotate(
        activity_count=Count("activities"),
        attendance_total=Coalesce(Sum("activities__attendance"), 0),
    )


def communities_with_bodies(area: Area) -> QuerySet[Area]:
    """The communities of an area's subtree with the party org that leads each (its current
    body) — one query; the latest change is prefetched by the caller."""
    return (
        Area.objects.subtree(area)
        .filter(level=Level.COMMUNITY)
        .select_related("leading_org")
        .order_by("path")
    )
