"""Permission-aware reads of agreements, and the fulfilment of their items per month.

Fulfilment of an item in a month = delivered / target, where delivered counts only what was
checked:
- the deliveries recorded against the item's line (across the agreement's versions) dated in the
  month **and confirmed by the community** (pending ones are shown apart, as pending), plus
- for an item counted by a shared resource: what was really used, the quantity of the resource's
  bookings checked in that started in the month (never its capacity: 530 open spaces are not 530
  uses), plus
- for an item counted by needs: the needs served by the unit (claimed by the unit or by one of
  its party members) and confirmed in the month — only when the needs app is installed (the one
  place this app reads it).

Status thresholds (documented in docs/architecture.md): red below 60 %, yellow from 60 % up to
(not including) 100 %, green at 100 % or more. A target of 0 is met by anything (green). The
percentage shown is capped at 100; what lies beyond the target is shown as a surplus.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.agreements.models import (
    Agreement,
    AgreementStatus,
    Delivery,
    DeliveryStatus,
    ItemKind,
    ServiceItem,
)
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs
from wulian.resources.models import Resource
from wulian.resources.selectors import visible_resources

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User

RED_BELOW = Decimal("0.6")
GREEN_FROM = Decimal("1")


def visible_agreements(user: User | AnonymousUser | None) -> QuerySet[Agreement]:
    """Agreements of areas in the user's subtrees, and those their unit is party to."""
    return (
        scope_for(user)
        .filter(Agreement.objects.all(), area="area", org="unit")
        .select_related("area", "party_org", "unit")
    )


def visible_items(user: User | AnonymousUser | None) -> QuerySet[ServiceItem]:
    return (
        scope_for(user)
        .filter(ServiceItem.objects.all(), area="agreement__area", org="agreement__unit")
        .select_related(
            "agreement__area",
            "agreement__unit",
            "agreement__party_org",
            "responsible_org",
            "resource",
        )
    )


def party_orgs_for(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """The leading party organizations of areas in the user's subtrees: one side of an agreement
    the user may draft."""
    return (
        scope_for(user)
        .filter(Org.objects.filter(leads__isnull=False), area="leads")
        .select_related("leads")
    )


def units_for(user: User | AnonymousUser | None) -> QuerySet[Org]:
    """The units located in the user's subtrees: the other side of an agreement the user may draft."""
    return scope_for(user).filter(Org.objects.units(), area="area").order_by("name")


def responsible_orgs_for(user: User | AnonymousUser | None, agreement: Agreement) -> QuerySet[Org]:
    """The orgs a body may name as an item's responsible org: the agreement's two sides, and any org
    the user sees (the service then says it must be one of the two sides)."""
    sides = [agreement.party_org_id, agreement.unit_id]
    return Org.objects.filter(Q(pk__in=sides) | Q(pk__in=visible_orgs(user).values("pk")))


def item_resources_for(
    user: User | AnonymousUser | None, agreement: Agreement
) -> QuerySet[Resource]:
    """The resources a body may link to an item: the unit's own, and any the user sees (the service
    then says it must be the unit's)."""
    return Resource.objects.filter(
        Q(org_id=agreement.unit_id) | Q(pk__in=visible_resources(user).values("pk"))
    )


def agreement_todos(user: User | AnonymousUser | None) -> list[dict]:
    """'My to-dos': agreements waiting for my side's confirmation."""
    if not has_action(user, "agreement.confirm"):
        return []
    scope = scope_for(user)
    waiting = visible_agreements(user).filter(status=AgreementStatus.AWAITING)
    q = Q(pk__in=[])
    if scope.unit_org_ids:
        q |= Q(unit_id__in=scope.unit_org_ids, unit_confirmed_at__isnull=True)
    if scope.area_paths:
        q |= scope.paths_q("area") & Q(party_confirmed_at__isnull=True)
    count = waiting.filter(q).count()
    return [
        {
            "label": _("待确认的共建协议"),
            "url": reverse("agreements:list") + "?status=awaiting",
            "count": count,
            "level": "warning",
        }
    ]


# ------------------------------------------------------------------------------- fulfilment


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def agreement_months(
    agreement: Agreement, *, until: dt.date | None = None, limit: int = 12
) -> list[dt.date]:
    """First days of the agreement's months up to this month (the latest ``limit``)."""
    last = month_start(min(agreement.end, until or timezone.localdate()))
    months: list[dt.date] = []
    cursor = month_start(agreement.start)
    while cursor <= last:
        months.append(cursor)
        cursor = next_month(cursor)
    return months[-limit:]


@dataclass(frozen=True)
class Cell:
    month: dt.date
    delivered: int  # confirmed and verified only
    target: int
    ratio: Decimal | None  # None when the target is 0; honest (may exceed 1)
    pending: int = 0  # recorded, waiting for the community's confirmation: not counted

    @property
    def status(self) -> str:
        return fulfilment_status(self.delivered, self.target)

    @property
    def percent(self) -> int | None:
        """The percentage shown: capped at 100 (what lies beyond is the ``surplus``)."""
        if self.ratio is None:
            return None
        return min(100, int((self.ratio * 100).to_integral_value()))

    @property
    def surplus(self) -> int:
        return max(0, self.delivered - self.target) if self.target > 0 else 0


def fulfilment_status(delivered: int, target: int) -> str:
    if target <= 0:
        return "green"
    ratio = Decimal(delivered) / Decimal(target)
    if ratio < RED_BELOW:
        return "red"
    if ratio < GREEN_FROM:
        return "yellow"
    return "green"


def _local_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(month, dt.time(0), tzinfo=tz),
        dt.datetime.combine(next_month(month), dt.time(0), tzinfo=tz),
    )


def resource_use(resource_ids: list[int], months: list[dt.date]) -> dict[tuple[int, dt.date], int]:
    """The quantity of each resource's bookings checked in, by the month (Asia/Shanghai) of their
    start: what was really used. One query."""
    from wulian.resources.models import Booking, BookingStatus

    if not resource_ids or not months:
        return {}
    start, _ = _local_bounds(months[0])
    _, end = _local_bounds(months[-1])
    rows = (
        Booking.objects.filter(
            resource_id__in=resource_ids,
            status=BookingStatus.CHECKED_IN,
            start__gte=start,
            start__lt=end,
        )
        .annotate(month=TruncMonth("start", tzinfo=timezone.get_current_timezone()))
        .values("resource_id", "month")
        .annotate(n=Sum("quantity"))
    )
    return {(r["resource_id"], _as_date(r["month"])): r["n"] for r in rows}


def needs_served(unit_id: int, months: list[dt.date]) -> dict[dt.date, int]:
    """Needs served by the unit (or its party members) and confirmed, per month: the only
    coupling between agreements and needs (agreements sits above needs)."""
    from wulian.needs.models import Need

    if not months:
        return {}
    start, _ = _local_bounds(months[0])
    _, end = _local_bounds(months[-1])
    rows = (
        Need.objects.filter(state="confirmed", confirmed_at__gte=start, confirmed_at__lt=end)
        .filter(Q(provider_org_id=unit_id) | Q(provider_person__party_org_id=unit_id))
        .annotate(month=TruncMonth("confirmed_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {_as_date(r["month"]): r["n"] for r in rows}


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def fulfilment(
    agreement: Agreement, months: list[dt.date] | None = None
) -> list[tuple[ServiceItem, list[Cell]]]:
    """Each item of the agreement with one cell per month: at most four queries whatever the size."""
    months = agreement_months(agreement) if months is None else months
    items = list(agreement.items.select_related("responsible_org", "resource"))
    if not months:
        return [(item, []) for item in items]
    first, last = months[0], next_month(months[-1])
    rows = (
        Delivery.objects.filter(
            item__line_key__in=[i.line_key for i in items],
            date__gte=first,
            date__lt=last,
            status__in=[DeliveryStatus.CONFIRMED, DeliveryStatus.PENDING],
        )
        .annotate(month=TruncMonth("date"))
        .values("item__line_key", "month", "status")
        .annotate(n=Sum("count"))
    )
    delivered: dict[tuple, int] = {}
    pending: dict[tuple, int] = {}
    for r in rows:
        target = delivered if r["status"] == DeliveryStatus.CONFIRMED else pending
        target[(r["item__line_key"], _as_date(r["month"]))] = r["n"]
    needs = (
        needs_served(agreement.unit_id, months)
        if any(i.kind == ItemKind.NEEDS for i in items)
        else {}
    )
    used = resource_use(
        [i.resource_id for i in items if i.kind == ItemKind.RESOURCE and i.resource_id], months
    )
    result = []
    for item in items:
        cells = []
        for month in months:
            count = delivered.get((item.line_key, month), 0)
            if item.kind == ItemKind.RESOURCE and item.resource_id is not None:
                count += used.get((item.resource_id, month), 0)
            if item.kind == ItemKind.NEEDS:
                count += needs.get(month, 0)
            ratio = None if item.target_count <= 0 else Decimal(count) / Decimal(item.target_count)
            cells.append(
                Cell(
                    month=month,
                    delivered=count,
                    target=item.target_count,
                    ratio=ratio,
                    pending=pending.get((item.line_key, month), 0),
                )
            )
        result.append((item, cells))
    return result


def versions(agreement: Agreement) -> list[Agreement]:
    """Every version of the agreement, oldest first."""
    chain = [agreement]
    seen = {agreement.pk}
    cursor = agreement
    while cursor.previous_id and cursor.previous_id not in seen:
        cursor = Agreement.objects.get(pk=cursor.previous_id)
        chain.insert(0, cursor)
        seen.add(cursor.pk)
    cursor = agreement
    while True:
        nxt = Agreement.objects.filter(previous=cursor).first()
        if nxt is None or nxt.pk in seen:
            break
        chain.append(nxt)
        seen.add(nxt.pk)
        cursor = nxt
    return chain


def fulfilled_rate_in_year(paths: list[str], year: int) -> dict[str, Decimal | None]:
    """政绩考核: how far the service agreements under each area path were fulfilled in ``year``:
    delivered (each month capped at its target, as the monthly table counts it) over the targets
    of the months that have begun, in percent; None where no agreement was in force. A few
    queries per agreement (``fulfilment``), none per path."""
    from wulian.core.periods import rate

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(area__path__startswith=path)
    agreements = Agreement.objects.filter(
        q, start__lte=last, end__gte=first, in_force_at__isnull=False
    ).select_related("area")
    done: dict[str, int] = dict.fromkeys(paths, 0)
    due: dict[str, int] = dict.fromkeys(paths, 0)
    for agreement in agreements:
        months = [
            m
            for m in agreement_months(agreement, until=min(last, timezone.localdate()), limit=120)
            if m.year == year
        ]
        for _item, cells in fulfilment(agreement, months):
            for cell in cells:
                for path in paths:
                    if agreement.area.path.startswith(path):
                        done[path] += min(cell.delivered, cell.target)
                        due[path] += cell.target
    return {p: rate(done[p], due[p]) for p in paths}
