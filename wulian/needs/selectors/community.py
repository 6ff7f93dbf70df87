"""The compensation ledger's entries, pending services and balances; party members'
community registrations."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet, Sum

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.needs.models import (
    CommunityRegistration,
    CompensationEntry,
    Need,
    State,
)
from wulian.needs.selectors.visibility import _in_subtrees
from wulian.orgs.models import Org
from wulian.people.models import Person


def visible_entries(user: User | AnonymousUser | None) -> QuerySet[CompensationEntry]:
    """Ledger entries of people and units in the user's subtrees, of the user's units, and the
    user's own."""
    scope = scope_for(user)
    q = scope.q(area="org__area", org="org", person="person_id") | scope.paths_q(
        "person__home_area"
    )
    return CompensationEntry.objects.filter(q).select_related("person", "org", "need", "created_by")


def pending_needs(
    user: User | AnonymousUser | None, *, person: Person | None = None, org: Org | None = None
) -> QuerySet[Need]:
    """Services done and not yet confirmed (by the resident, or the community after the deadline)
    that would credit someone the user may see in the ledger: shown as pending, never summed
    into a balance. ``person`` / ``org`` narrow to one beneficiary, as the ledger does."""
    scope = scope_for(user)
    q = _in_subtrees(scope)
    if scope.unit_org_ids:
        q |= Q(provider_org_id__in=scope.unit_org_ids)
    if scope.lines:
        q |= scope.line_q("provider_org")
    if scope.person_id:
        q |= Q(provider_person_id=scope.person_id) | Q(claimed_by_user__person_id=scope.person_id)
    qs = Need.objects.filter(q, state=State.DONE)
    if person is not None:
        qs = qs.filter(
            Q(provider_person=person)
            | Q(provider_person__isnull=True, claimed_by_user__person=person)
        )
    if org is not None:
        qs = qs.filter(
            Q(provider_org=org) | Q(provider_org__isnull=True, provider_person__party_org=org)
        )
    return qs.select_related("provider_org", "provider_person").order_by("confirm_due_at", "pk")


def pending_points(hours: Decimal | None) -> int:
    from decimal import ROUND_HALF_UP

    from wulian.needs.services import points_per_hour

    return int(
        ((hours or Decimal("0")) * points_per_hour()).to_integral_value(rounding=ROUND_HALF_UP)
    )


@dataclass
class Balance:
    hours: Decimal
    points: int
    entries: int


def balance(qs: QuerySet[CompensationEntry]) -> Balance:
    row = qs.aggregate(hours=Sum("hours"), points=Sum("points"), n=Count("pk"))
    return Balance(hours=row["hours"] or Decimal("0"), points=row["points"] or 0, entries=row["n"])


def person_balance(person_id: int) -> Balance:
    return balance(CompensationEntry.objects.filter(person_id=person_id))


def org_balance(org_id: int) -> Balance:
    return balance(CompensationEntry.objects.filter(org_id=org_id))


# --------------------------------------------------------------------------- registrations


def visible_registrations(user: User | AnonymousUser | None) -> QuerySet[CommunityRegistration]:
    return (
        scope_for(user)
        .filter(CommunityRegistration.objects.all(), area="community", person="person_id")
        .select_related("person", "community", "person__party_org")
    )
