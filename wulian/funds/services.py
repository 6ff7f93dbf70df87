"""Every change to funds, allocations, projects and facilities. Each movement of money is a
ledger entry written in the same locked transaction as the check that allows it: the fund row
is locked for an allocation, the allocation row for spending (PostgreSQL: SELECT … FOR UPDATE;
SQLite: the IMMEDIATE transaction serialises writers)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.funds.models import (
    NEXT_STATUS,
    Allocation,
    EntryKind,
    Facility,
    FacilityKind,
    Fund,
    FundKind,
    FundSource,
    LedgerEntry,
    Project,
    ProjectCategory,
    ProjectStatus,
)
from wulian.funds.money import parse_amount, yuan
from wulian.funds.selectors import allocation_balance, fund_balance, project_spent
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


def create_project(
    *,
    by: User | None,
    allocation: Allocation,
    name: str,
    category: str,
    budget: object,
    beneficiaries: int = 0,
    description: str = "",
) -> Project:
    require(by, "project.create")
    require_area(by, allocation.community.path)
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("请填写项目名称。")
    if category not in ProjectCategory.values:
        errors["category"] = _("请选择项目类别。")
    if beneficiaries is None or int(beneficiaries) < 0:
        errors["beneficiaries"] = _("受益人数不能为负数。")
    if errors:
        raise ValidationError(errors)
    budget = parse_amount(budget, field="budget", allow_zero=True)
    with transaction.atomic():
        project = Project.objects.create(
            allocation=allocation,
            community=allocation.community,
            name=name[:100],
            category=category,
            budget=budget,
            beneficiaries=int(beneficiaries or 0),
            description=(description or "").strip(),
        )
        counters.created(project)
        record(actor=by, action="project.create", obj=project, after=snapshot(project))
    return project


def advance_project(*, by: User | None, project: Project, to_status: str) -> Project:
    """planned → approved → in_progress → accepted, one step at a time; a conditional update,
    so two clicks cannot skip a step."""
    require(by, "project.advance")
    require_area(by, project.community.path)
    expected = (
        NEXT_STATUS.get(ProjectStatus(project.status))
        if project.status in ProjectStatus.values
        else None
    )
    if to_status not in ProjectStatus.values or expected != to_status:
        raise ValidationError(
            {
                "status": _("项目当前为“%(s)s”，不能变更为“%(t)s”。")
                % {
                    "s": project.get_status_display(),
                    "t": ProjectStatus(to_status).label
                    if to_status in ProjectStatus.values
                    else to_status,
                }
            }
        )
    with transaction.atomic():
        changed = counters.update(
            Project.objects.filter(pk=project.pk, status=project.status), status=to_status
        )
        if not changed:
            raise ValidationError({"status": _("项目状态已被他人变更，请刷新后重试。")})
        record(
            actor=by,
            action="project.advance",
            obj=project,
            before={"status": project.status},
            after={"status": to_status},
        )
    project.status = to_status
    return project


def record_spending(
    *, by: User | None, project: Project, amount: object, reason: str
) -> LedgerEntry:
    """Spend on a project. The allocation row is locked while both limits are checked: the
    allocation's unspent balance and the project's remaining budget."""
    require(by, "project.spend")
    require_area(by, project.community.path)
    amount = parse_amount(amount)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(Allocation, project.allocation_id)
        current = Project.objects.get(pk=project.pk)
        if current.status not in (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS):
            raise ValidationError(
                {
                    "amount": _("只有已立项或实施中的项目可以支出（当前：%(s)s）。")
                    % {"s": current.get_status_display()}
                }
            )
        available = allocation_balance(project.allocation_id)
        if amount > available:
            raise ValidationError(
                {
                    "amount": _("支出金额%(a)s超过拨付余额%(b)s。")
                    % {"a": yuan(amount), "b": yuan(available)}
                }
            )
        spent = project_spent(project.pk)
        if spent + amount > current.budget:
            raise ValidationError(
                {
                    "amount": _("支出后累计%(s)s将超过项目预算%(b)s。")
                    % {"s": yuan(spent + amount), "b": yuan(current.budget)}
                }
            )
        entry = LedgerEntry.objects.create(
            fund_id=project.allocation.fund_id,
            allocation_id=project.allocation_id,
            project=project,
            kind=EntryKind.SPENDING,
            amount=amount,
            by=by,
            reason=reason,
        )
        counters.created(entry)
        record(actor=by, action="project.spend", obj=entry, after=snapshot(entry))
    return entry


def correct_spending(
    *, by: User | None, project: Project, amount: object, reason: str
) -> LedgerEntry:
    """Book back spending recorded too high (a new entry; nothing is edited)."""
    require(by, "project.spend")
    require_area(by, project.community.path)
    amount = parse_amount(amount)
    reason = _reason(reason)
    with transaction.atomic():
        _lock(Allocation, project.allocation_id)
        spent = project_spent(project.pk)
        if amount > spent:
            raise ValidationError(
                {"amount": _("冲回金额超过项目已支出金额%(s)s。") % {"s": yuan(spent)}}
            )
        entry = LedgerEntry.objects.create(
            fund_id=project.allocation.fund_id,
            allocation_id=project.allocation_id,
            project=project,
            kind=EntryKind.SPENDING_RETURN,
            amount=amount,
            by=by,
            reason=reason,
        )
        counters.created(entry)
        record(actor=by, action="project.correct_spending", obj=entry, after=snapshot(entry))
    return entry


def create_facility(
    *,
    by: User | None,
    project: Project,
    kind: str,
    name: str,
    place: str,
    opened_on: dt.date | None = None,
) -> Facility:
    require(by, "facility.create")
    require_area(by, project.community.path)
    errors = {}
    if kind not in FacilityKind.values:
        errors["kind"] = _("请选择设施类别。")
    name, place = (name or "").strip(), (place or "").strip()
    if not name:
        errors["name"] = _("请填写设施名称。")
    if not place:
        errors["place"] = _("请填写设施地点。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        facility = Facility.objects.create(
            project=project,
            community=project.community,
            kind=kind,
            name=name[:100],
            place=place[:200],
            opened_on=opened_on,
        )
        counters.created(facility)
        record(actor=by, action="facility.create", obj=facility, after=snapshot(facility))
    return facility


__all__ = ["Decimal"]
