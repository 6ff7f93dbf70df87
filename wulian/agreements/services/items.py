"""An agreement's service items (服务项目): what is offered, how often, by whom, with which resources;
checked, added, changed and removed while the agreement is a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.agreements.models import Agreement, ItemKind, ServiceItem, TargetPeriod
from wulian.agreements.rules import can_update, require_can
from wulian.agreements.services._common import ITEM_FIELDS, _ensure_editable
from wulian.audit.services import record, snapshot
from wulian.core import counters

if TYPE_CHECKING:
    from wulian.orgs.models import Org
    from wulian.resources.models import Resource


def _target_count_errors(item: ServiceItem) -> list[str]:
    try:
        item.target_count = int(item.target_count)
    except (TypeError, ValueError):
        return [_("目标数量应为整数。")]
    if item.target_count < 0:
        return [_("目标数量不能为负数（填写了 %(n)d）。") % {"n": item.target_count}]
    return []


def _responsible_org_errors(item: ServiceItem) -> list[str]:
    if not item.responsible_org_id:
        return [_("请选择责任单位。")]
    if item.responsible_org_id not in (item.agreement.party_org_id, item.agreement.unit_id):
        # The pages offer only the two parties; the API must not name any org of the platform.
        return [_("责任单位须是协议双方之一。")]
    return []


def _resource_errors(item: ServiceItem) -> list[str]:
    """An item counted by a shared resource names one of the unit's; any other drops its resource."""
    if item.kind != ItemKind.RESOURCE:
        if item.resource_id is not None:
            item.resource = None
        return []
    if item.resource is None:
        return [_("按共享资源计量的项目须关联一项共享资源。")]
    if item.resource.org_id != item.agreement.unit_id:
        return [_("关联的共享资源须是“%(u)s”开放的资源。") % {"u": item.agreement.unit}]
    return []


def _validate_item(item: ServiceItem) -> None:
    item.content = (item.content or "").strip()
    item.standard = (item.standard or "").strip()
    item.target_unit = (item.target_unit or "").strip()
    item.responsible_person = (item.responsible_person or "").strip()
    checks = {
        "content": [] if item.content else [_("请填写服务内容。")],
        "target_count": _target_count_errors(item),
        "target_unit": [] if item.target_unit else [_("请填写目标单位，如“次/月”“个”。")],
        "kind": [] if item.kind in ItemKind.values else [_("未知的计量方式。")],
        "target_period": []
        if item.target_period in TargetPeriod.values
        else [_("未知的目标周期。")],
        "responsible_org": _responsible_org_errors(item),
        "responsible_person": [] if item.responsible_person else [_("请填写责任人。")],
        "resource": _resource_errors(item),
    }
    errors = {field: messages for field, messages in checks.items() if messages}
    if errors:
        raise ValidationError(errors)


def add_item(
    *,
    agreement: Agreement,
    by: User | None,
    content: str,
    target_count: int,
    target_unit: str,
    responsible_org: Org | None,
    responsible_person: str,
    standard: str = "",
    kind: str = ItemKind.SERVICE,
    target_period: str = TargetPeriod.MONTH,
    resource: Resource | None = None,
    position: int | None = None,
) -> ServiceItem:
    require(by, "agreement.update")
    require_can(can_update(by, agreement), "agreement.update")
    item = ServiceItem(
        agreement=agreement,
        content=content,
        standard=standard,
        kind=kind,
        target_count=target_count,
        target_unit=target_unit,
        target_period=target_period,
        responsible_org=responsible_org,
        responsible_person=responsible_person,
        resource=resource,
    )
    _validate_item(item)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        _ensure_editable(locked)
        if position is None:
            position = (
                locked.items.order_by("-position").values_list("position", flat=True).first() or 0
            ) + 1
        item.position = position
        item.save()
        record(actor=by, action="agreement.add_item", obj=item, after=snapshot(item))
    return item


def update_item(*, item: ServiceItem, by: User | None, **changes: Any) -> ServiceItem:
    require(by, "agreement.update")
    require_can(can_update(by, item.agreement), "agreement.update")
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    before = snapshot(item)
    for field, value in changes.items():
        setattr(item, field, value)
    _validate_item(item)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=item.agreement_id)
        _ensure_editable(locked)
        with counters.tracking(item):
            item.save()
        record(
            actor=by, action="agreement.update_item", obj=item, before=before, after=snapshot(item)
        )
    return item


def remove_item(*, item: ServiceItem, by: User | None) -> None:
    require(by, "agreement.update")
    require_can(can_update(by, item.agreement), "agreement.update")
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=item.agreement_id)
        _ensure_editable(locked)
        record(actor=by, action="agreement.remove_item", obj=item, before=snapshot(item))
        counters.deleted(item)
        item.delete()
