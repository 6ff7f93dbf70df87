"""Funds (专项资金), their sources and receipts, allocations to communities and returns; and the row
lock every movement of money takes."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.funds.models import Allocation, EntryKind, Fund, FundKind, FundSource, LedgerEntry
from wulian.funds.money import parse_amount, yuan
from wulian.funds.selectors import allocation_balance, fund_balance
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Kind, Org


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写事由。")})
    return reason[:200]


def _lock(model: type[Fund | Allocation], pk: int) -> None:
    """Hold the row until the transaction ends: balances are read and written under it."""
    model.objects.select_for_update().get(pk=pk)


def create_fund(*, by: User | None, year: int, kind: str, area: Area, name: str = "") -> Fund:
    require(by, "fund.create")
    if area is None:
        raise ValidationError({"area": _("请选择资金所属区域。")})
    require_area(by, area.path, admin=True)
    errors = {}
    if kind not in FundKind.values:
        errors["kind"] = _("资金类别应为保障资金或激励资金。")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = _("年度应在2000至2100之间。")
    if area.level not in (Level.CITY, Level.DISTRICT):
        errors["area"] = _("专项资金只能设在市或区(市)县。")
    if errors:
        raise ValidationError(errors)
    name = (name or "").strip() or f"{year}年{area.name}城乡社区发展治理专项{FundKind(kind).label}"
    with transaction.atomic():
        if Fund.objects.filter(area=area, year=year, kind=kind).exists():
            raise ValidationError(
                {
                    "kind": _("%(a)s%(y)s年的%(k)s已存在。")
                    % {"a": area.name, "y": year, "k": FundKind(kind).label}
                }
            )
        fund = Fund.objects.create(year=year, kind=kind, area=area, name=name[:100])
        record(actor=by, action="fund.create", obj=fund, after=snapshot(fund))
    return fund


def add_fund_source(
    *,
    by: User | None,
    fund: Fund,
    department: Org,
    amount: object,
    received_on: dt.date,
    note: str = "",
) -> FundSource:
    """Money a department put into the fund: a source row and its receipt entry."""
    require(by, "fund.add_source")
    require_area(by, fund.area.path, admin=True)
    amount = parse_amount(amount)
    if department is None or department.kind != Kind.DEPARTMENT:
        raise ValidationError({"department": _("来源必须是条线部门。")})
    if received_on is None:
        raise ValidationError({"received_on": _("请填写到账日期。")})
    with transaction.atomic():
        _lock(Fund, fund.pk)
        source = FundSource.objects.create(
            fund=fund,
            department=department,
            amount=amount,
            received_on=received_on,
            note=(note or "").strip()[:200],
        )
        entry = LedgerEntry.objects.create(
            fund=fund,
            source=source,
            kind=EntryKind.RECEIPT,
            amount=amount,
            by=by,
            reason=_("%(d)s资金到账") % {"d": department.name},
        )
        counters.created(entry)
        record(actor=by, action="fund.add_source", obj=source, after=snapshot(source))
    return source


def correct_receipt(
    *, by: User | None, source: FundSource, amount: object, reason: str
) -> LedgerEntry:
    """Take back part of a receipt booked too high; the fund may not go below what it allocated."""
    require(by, "fund.correct")
    require_area(by, source.fund.area.path, admin=True)
    amount = parse_amount(amount)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(Fund, source.fund_id)
        net = LedgerEntry.objects.filter(source=source)
        booked = sum((e.amount if e.kind == EntryKind.RECEIPT else -e.amount) for e in net)
        if amount > booked:
            raise ValidationError(
                {"amount": _("冲减金额超过该笔来源的到账金额（%(b)s）。") % {"b": yuan(booked)}}
            )
        balance = fund_balance(source.fund_id)
        if amount > balance:
            raise ValidationError(
                {"amount": _("冲减后资金余额为负：当前可用余额为%(b)s。") % {"b": yuan(balance)}}
            )
        entry = LedgerEntry.objects.create(
            fund_id=source.fund_id,
            source=source,
            kind=EntryKind.RECEIPT_CORRECTION,
            amount=amount,
            by=by,
            reason=reason,
        )
        counters.created(entry)
        record(actor=by, action="fund.correct_receipt", obj=entry, after=snapshot(entry))
    return entry


def community_party_org(community: Area) -> Org:
    org = Org.objects.filter(leads=community).first()
    if org is None:
        raise ValidationError(
            {
                "community": _("%(c)s尚未登记领导其区域的社区党组织，不能拨付。")
                % {"c": community.name}
            }
        )
    return org


def allocate(
    *,
    by: User | None,
    fund: Fund,
    community: Area,
    amount: object,
    allocated_on: dt.date,
    purpose: str = "",
    document_no: str = "",
) -> Allocation:
    """Allocate money from a fund to a community through its party organization. The fund row
    is locked while its balance is checked and the entry written: two allocations that together
    exceed the balance cannot both succeed."""
    require(by, "fund.allocate")
    require_area(by, fund.area.path, admin=True)
    amount = parse_amount(amount)
    if community is None or community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("资金只能拨付到社区(村)。")})
    if not community.is_within(fund.area):
        raise ValidationError(
            {
                "community": _("%(c)s不在%(f)s的范围内。")
                % {"c": community.name, "f": fund.area.name}
            }
        )
    if allocated_on is None:
        raise ValidationError({"allocated_on": _("请填写拨付日期。")})
    party_org = community_party_org(community)
    with transaction.atomic():
        _lock(Fund, fund.pk)
        balance = fund_balance(fund.pk)
        if amount > balance:
            raise ValidationError(
                {
                    "amount": _("拨付金额%(a)s超过资金余额%(b)s。")
                    % {"a": yuan(amount), "b": yuan(balance)}
                }
            )
        allocation = Allocation.objects.create(
            fund=fund,
            community=community,
            party_org=party_org,
            amount=amount,
            allocated_on=allocated_on,
            purpose=(purpose or "").strip()[:200],
            document_no=(document_no or "").strip()[:60],
            created_by=by,
        )
        entry = LedgerEntry.objects.create(
            fund=fund,
            allocation=allocation,
            kind=EntryKind.ALLOCATION,
            amount=amount,
            by=by,
            reason=allocation.purpose or _("拨付至%(c)s") % {"c": community.name},
        )
        counters.created(entry)
        record(actor=by, action="fund.allocate", obj=allocation, after=snapshot(allocation))
        notify(
            kind="fund.allocated",
            to=[recipients.admins_of(party_org.pk)],
            title=_("%(f)s向%(c)s拨付%(a)s")
            % {"f": fund.name, "c": community.name, "a": yuan(amount)},
            url=f"/funds/allocations/{allocation.pk}/",
        )
    return allocation


def return_allocation(
    *, by: User | None, allocation: Allocation, amount: object, reason: str
) -> LedgerEntry:
    """Give unspent money of an allocation back to its fund (a correction, as a new entry)."""
    require(by, "fund.correct")
    require_area(by, allocation.fund.area.path, admin=True)
    amount = parse_amount(amount)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(Allocation, allocation.pk)
        balance = allocation_balance(allocation.pk)
        if amount > balance:
            raise ValidationError(
                {
                    "amount": _("退回金额%(a)s超过该拨付的未支出余额%(b)s。")
                    % {"a": yuan(amount), "b": yuan(balance)}
                }
            )
        entry = LedgerEntry.objects.create(
            fund_id=allocation.fund_id,
            allocation=allocation,
            kind=EntryKind.ALLOCATION_RETURN,
            amount=amount,
            by=by,
            reason=reason,
        )
        counters.created(entry)
        record(actor=by, action="fund.return_allocation", obj=entry, after=snapshot(entry))
    return entry
