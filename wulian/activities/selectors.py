"""Reads of 党建活动: one scoped list (with the attendance counted from sign-ins)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from wulian.accounts.selectors import scope_for
from wulian.activities.models import Activity, SignIn
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User


def visible_activities(user: User | AnonymousUser | None) -> QuerySet[Activity]:
    """Activities in the user's subtrees, or organised by the user's unit; with ``attendance``."""
    return (
        scope_for(user)
        .filter(Activity.objects.all(), area="area", org="organiser")
        .select_related("area", "organiser")
        .with_attendance()
        .order_by("-starts_at", "-id")
    )


def organisers_for(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """The orgs a user may name as organiser: the user's own, and those located in the user's subtrees."""
    if user is None:
        return Org.objects.all()
    scope = scope_for(user)
    return (
        Org.objects.filter(Q(pk__in=sorted(scope.own_org_ids)) | scope.paths_q("area"))
        .select_related("area")
        .order_by("kind", "name")
    )


def signins(activity: Activity) -> QuerySet[SignIn]:
    return activity.signins.select_related("person", "recorded_by")


def attendance(activity: Activity) -> int:
    """How many came: the sign-ins (one per person), never a typed figure."""
    return activity.signins.count()
