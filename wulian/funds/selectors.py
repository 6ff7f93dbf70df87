"""What each user may see of funds, allocations, projects and facilities, and the balances,
always computed as sums of ledger entries."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from wulian.accounts.selectors import scope_for
from wulian.funds.models import ZERO, Allocation, EntryKind, Facility, Fund, LedgerEntry, Project

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.areas.models import Area

MONEY_FIELD: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)


def _signed(prefix: str, plus: Sequence[str], minus: Sequence[str]) -> Coalesce:
    """Sum of the entries under a relation (prefix "" for LedgerEntry itself), + for some kinds
    and − for others."""
    kind, amount = f"{prefix}kind", f"{prefix}amount"
    return Coalesce(
        Sum(
            Case(
                When(**{f"{kind}__in": plus}, then=amount),
                When(**{f"{kind}__in": minus}, then=-1 * F(amount)),
                default=Value(ZERO),
                output_field=MONEY_FIELD,
            )
        ),
        Value(ZERO),
        output_field=MONEY_FIELD,
    )


FUND_RECEIVED = ([EntryKind.RECEIPT], [EntryKind.RECEIPT_CORRECTION])
FUND_ALLOCATED = ([EntryKind.ALLOCATION], [EntryKind.ALLOCATION_RETURN])
SPENT = ([EntryKind.SPENDING], [EntryKind.SPENDING_RETURN])


def _cents(value: Decimal | float | None) -> Decimal:
    """SQLite returns sums of decimals without their scale (501000.5): give them back in cents."""
    return Decimal(value or 0).quantize(Decimal("0.01"))


def fund_balance(fund_id: int) -> Decimal:
    received, allocated = _fund_sums(LedgerEntry.objects.filter(fund_id=fund_id))
    return _cents(received - allocated)


def _fund_sums(entries: QuerySet) -> tuple[Decimal, Decimal]:
    sums = entries.aggregate(
        received=_signed("", *FUND_RECEIVED), allocated=_signed("", *FUND_ALLOCATED)
    )
    return sums["received"], sums["allocated"]


def allocation_balance(allocation_id: int) -> Decimal:
    sums = LedgerEntry.objects.filter(allocation_id=allocation_id).aggregate(
        allocated=_signed("", *FUND_ALLOCATED), spent=_signed("", *SPENT)
    )
    return _cents(sums["allocated"] - sums["spent"])


def project_spent(project_id: int) -> Decimal:
    return _cents(
        LedgerEntry.objects.filter(project_id=project_id).aggregate(spent=_signed("", *SPENT))[
            "spent"
        ]
    )


def with_fund_figures(qs: QuerySet[Fund]) -> QuerySet[Fund]:
    # Subqueries keep the sums from multiplying each other through joins.
    def sub(plus: Sequence[str], minus: Sequence[str]) -> Coalesce:
        return Coalesce(
            Subquery(
                LedgerEntry.objects.filter(fund=OuterRef("pk"))
                .values("fund")
                .annotate(t=_signed("", plus, minus))
                .values("t")[:1],
                output_field=MONEY_FIELD,
            ),
            Value(ZERO),
            output_field=MONEY_FIELD,
        )

    return qs.annotate(
        received=sub(*FUND_RECEIVED), allocated=sub(*FUND_ALLOCATED), spent=sub(*SPENT)
    )


def with_allocation_figures(qs: QuerySet[Allocation]) -> QuerySet[Allocation]:
    def sub(plus: Sequence[str], minus: Sequence[str]) -> Coalesce:
        return Coalesce(
            Subquery(
                LedgerEntry.objects.filter(allocation=OuterRef("pk"))
                .values("allocation")
                .annotate(t=_signed("", plus, minus))
                .values("t")[:1],
                output_field=MONEY_FIELD,
            ),
            Value(ZERO),
            output_field=MONEY_FIELD,
        )

    return qs.annotate(received=sub(*FUND_ALLOCATED), spent=sub(*SPENT))


def with_project_figures(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.annotate(
        spent=Coalesce(
            Subquery(
                LedgerEntry.objects.filter(project=OuterRef("pk"))
                .values("project")
                .annotate(t=_signed("", *SPENT))
                .values("t")[:1],
                output_field=MONEY_FIELD,
            ),
            Value(ZERO),
            output_field=MONEY_FIELD,
        )
    )


def visible_allocations(user: User | AnonymousUser | None) -> QuerySet[Allocation]:
    """Allocations to communities in the user's subtrees, or from funds held there."""
    scope = scope_for(user)
    q = scope.paths_q("community") | scope.paths_q("fund__area")
    return Allocation.objects.filter(q).select_related(
        "fund", "fund__area", "community", "party_org", "created_by"
    )


def visible_funds(user: User | AnonymousUser | None) -> QuerySet[Fund]:
    """Funds held in the user's subtrees (a community sees its allocations, not the city's fund)."""
    return scope_for(user).filter(Fund.objects.all(), area="area").select_related("area")


def manageable_allocations(user: User | AnonymousUser | None) -> QuerySet[Allocation]:
    """Allocations from funds held in the user's subtrees: the ones the fund's holder corrects."""
    return visible_allocations(user).filter(scope_for(user).paths_q("fund__area"))


def visible_projects(user: User | AnonymousUser | None) -> QuerySet[Project]:
    """Projects in the user's subtrees; a unit contact sees the projects of the unit's community."""
    scope = scope_for(user)
    q = scope.paths_q("community")
    if scope.unit_org_ids:
        from wulian.orgs.models import Org

        unit_areas = Org.objects.filter(pk__in=scope.unit_org_ids).values("area_id")
        q |= Q(community_id__in=unit_areas)
    return Project.objects.filter(q).select_related(
        "community", "allocation", "allocation__fund", "allocation__party_org"
    )


def visible_facilities(user: User | AnonymousUser | None) -> QuerySet[Facility]:
    return Facility.objects.filter(project__in=visible_projects(user).values("pk")).select_related(
        "community", "project"
    )


def visible_entries(user: User | AnonymousUser | None) -> QuerySet[LedgerEntry]:
    scope = scope_for(user)
    q = scope.paths_q("fund__area") | scope.paths_q("allocation__community")
    return LedgerEntry.objects.filter(q).select_related(
        "fund",
        "allocation",
        "allocation__community",
        "project",
        "source",
        "source__department",
        "by",
    )


def area_report(user: User | AnonymousUser | None, area: Area) -> dict:
    """Money received (by funds held in the subtree), allocated into the subtree and spent there;
    projects by status and category; facilities by kind — one grouped query each."""
    path = area.path
    funds = visible_funds(user).filter(area__path__startswith=path)
    received = LedgerEntry.objects.filter(fund__in=funds.values("pk")).aggregate(
        t=_signed("", *FUND_RECEIVED)
    )["t"]
    in_area = LedgerEntry.objects.filter(
        allocation__in=visible_allocations(user)
        .filter(community__path__startswith=path)
        .values("pk")
    )
    sums = in_area.aggregate(allocated=_signed("", *FUND_ALLOCATED), spent=_signed("", *SPENT))
    projects = visible_projects(user).filter(community__path__startswith=path)
    by_status = {
        r["status"]: r["n"] for r in projects.order_by().values("status").annotate(n=Count("pk"))
    }
    by_category = {
        r["category"]: (r["n"], r["budget"])
        for r in projects.order_by()
        .values("category")
        .annotate(n=Count("pk"), budget=Sum("budget"))
    }
    facilities = visible_facilities(user).filter(community__path__startswith=path)
    by_kind = {
        r["kind"]: r["n"] for r in facilities.order_by().values("kind").annotate(n=Count("pk"))
    }
    return {
        "received": _cents(received),
        "allocated": _cents(sums["allocated"]),
        "spent": _cents(sums["spent"]),
        "by_status": by_status,
        "by_category": by_category,
        "by_kind": by_kind,
        "project_total": sum(by_status.values()),
        "facility_total": sum(by_kind.values()),
        "beneficiaries": projects.aggregate(n=Coalesce(Sum("beneficiaries"), 0))["n"],
    }


def search_projects(
    user: User | AnonymousUser | None,
    *,
    q: str = "",
    status: str = "",
    category: str = "",
    area: str = "",
) -> QuerySet[Project]:
    """The projects list's filters over the user's projects (the page, the export and the
    background export all use this one)."""
    from wulian.areas.selectors import search_area

    qs = with_project_figures(visible_projects(user))
    if q:
        qs = qs.filter(name__contains=q)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    found = search_area(user, area)
    if found is not None:
        qs = qs.filter(community__path__startswith=found.path)
    return qs


def public_projects(area: Area) -> list[dict]:
    """惠民项目 of the communities in the area's subtree with their budget and what was spent,
    in yuan (one query)."""
    qs = with_project_figures(
        Project.objects.filter(community__path__startswith=area.path).select_related(
            "community", "allocation__fund"
        )
    ).order_by("community__path", "name", "pk")
    return [
        {
            "name": p.name,
            "community": p.community.name,
            "category": p.get_category_display(),
            "status": p.get_status_display(),
            "fund": p.allocation.fund.get_kind_display(),
            "year": p.allocation.fund.year,
            "budget": str(p.budget),
            "spent": str(_cents(p.spent)),  # type: ignore[attr-defined]  # annotated by with_project_figures
            "beneficiaries": p.beneficiaries,
        }
        for p in qs
    ]
