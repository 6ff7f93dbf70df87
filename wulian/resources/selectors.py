"""Permission-aware reads of resources and bookings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import is_signed_in, scope_for
from wulian.core.sql import child_rows
from wulian.orgs.models import Org
from wulian.resources.models import (
    ACTIVE_STATUSES,
    Blackout,
    Booking,
    BookingStatus,
    OpeningHours,
    Resource,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.areas.models import Area


def visible_resources(user: User | AnonymousUser | None) -> QuerySet[Resource]:
    """The inventory a user sees: resources in their area subtrees and their own units'."""
    return (
        scope_for(user)
        .filter(Resource.objects.all(), area="area", org="org")
        .select_related("org", "area")
    )


def publishing_units(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """The units a user may publish for: their own, or the units in their subtrees."""
    return scope_for(user).filter(Org.objects.units(), area="area", org="pk").order_by("name")


def with_children(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    """The resources with their opening hours, blackout dates, eligible areas and eligible orgs
    as JSON columns of the same query (``Resource.hours_rows`` and the like read them): a page
    of any size is one query, and no queryset is built per row."""
    through_areas = Resource.eligible_areas.through.objects.all()
    through_orgs = Resource.eligible_orgs.through.objects.all()
    return qs.annotate(
        hours_json=child_rows(OpeningHours.objects.all(), "resource", "weekday", "start", "end"),
        blackouts_json=child_rows(Blackout.objects.all(), "resource", "date", "reason"),
        eligible_areas_json=child_rows(through_areas, "resource", "area__path", "area__code"),
        eligible_orgs_json=child_rows(
            through_orgs, "resource", "org__area__path", "org__name", "org_id"
        ),
    )


def with_hours(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    """The resources with their opening hours as a JSON column of the same query
    (``Resource.hours_rows`` reads it): all that a page listing resources shows of their children."""
    return qs.annotate(
        hours_json=child_rows(OpeningHours.objects.all(), "resource", "weekday", "start", "end")
    )


def bookable_resources(user: User | AnonymousUser | None) -> QuerySet[Resource]:
    """Open resources the user's person may book: an eligible area is the home area or one of
    its ancestors (a resource without eligible areas takes its own area), or the person is a
    party member of an eligible org."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return Resource.objects.none()
    codes = person.home_area.ancestor_codes()
    through_areas = Resource.eligible_areas.through
    through_orgs = Resource.eligible_orgs.through
    any_area = through_areas.objects.filter(resource_id=OuterRef("pk"))
    area_hit = any_area.filter(area__code__in=codes)
    q = Q(Exists(area_hit)) | (~Q(Exists(any_area)) & Q(area__code__in=codes))
    if person.party_org_id:
        q |= Q(
            Exists(
                through_orgs.objects.filter(resource_id=OuterRef("pk"), org_id=person.party_org_id)
            )
        )
    return Resource.objects.open().filter(q).select_related("org", "area")


def visible_bookings(user: User | AnonymousUser | None) -> QuerySet[Booking]:
    """Bookings of the resources a user manages or oversees."""
    return (
        scope_for(user)
        .filter(Booking.objects.all(), area="resource__area", org="resource__org")
        .select_related("resource__org", "resource__area", "person")
    )


def my_bookings(user: User | AnonymousUser | None) -> QuerySet[Booking]:
    """The user's own bookings (as the person booked for, or the account that booked)."""
    if not is_signed_in(user):
        return Booking.objects.none()
    q = Q(booked_by=user)
    if user.person_id:
        q |= Q(person_id=user.person_id)
    return Booking.objects.filter(q).select_related("resource__org", "resource__area", "person")


def booking_todos(user: User | AnonymousUser | None) -> list[dict]:
    """'My to-dos': bookings waiting for my approval."""
    if not has_action(user, "booking.decide"):
        return []
    count = visible_bookings(user).filter(status=BookingStatus.PENDING).count()
    return [
        {
            "label": _("待审核的资源预约"),
            "url": reverse("resources:booking_list") + "?status=pending",
            "count": count,
            "level": "warning",
        }
    ]


def active_count(resource: Resource) -> int:
    return resource.bookings.filter(status__in=ACTIVE_STATUSES).count()


def public_inventory(area: Area) -> list[dict]:
    """The open shared resources of the area's subtree as a public page lists them: what, where,
    whose, how much and on what terms (one query; no booking and no person)."""
    qs = (
        Resource.objects.filter(area__path__startswith=area.path, is_open=True)
        .select_related("org", "area")
        .order_by("area__path", "name", "pk")
    )
    return [
        {
            "name": r.name,
            "kind": r.get_kind_display(),
            "org": r.org.name,
            "area": r.area.name,
            "location": r.location,
            "capacity": r.capacity_display,
            "terms": r.get_terms_display(),
            "fee": r.fee_display,
        }
        for r in qs
    ]
