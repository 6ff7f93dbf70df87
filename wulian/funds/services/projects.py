"""Projects paid from an allocation: created, advanced through their stages, their spending
recorded and corrected, and the facilities they build."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.funds.models import (
    NEXT_STATUS,
    Allocation,
    EntryKind,
    Facility,
    FacilityKind,
    LedgerEntry,
    Project,
    ProjectCategory,
    ProjectStatus,
)
from wulian.funds.money import parse_amount, yuan
from wulian.funds.selectors import allocation_balance, project_spent
from wulian.funds.services.funds import _lock, _reason


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
