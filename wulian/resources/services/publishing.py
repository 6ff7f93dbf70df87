"""Publishing resources: create and update, each kept as a version in the history (opening and
closing are in ``availability``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.resources.models import (
    Blackout,
    ChangeKind,
    FeeUnit,
    OpeningHours,
    Resource,
    ResourceChange,
    ResourceKind,
    Terms,
    Weekday,
)
from wulian.resources.rules import can_manage, can_update, require_can
from wulian.resources.services.access import (
    CAP_FIELDS,
    RESOURCE_FIELDS,
    Blackouts,
    Hours,
)

if TYPE_CHECKING:
    from wulian.areas.models import Area
    from wulian.orgs.models import Org


def _clean_hours(hours: Hours) -> list[tuple[int, dt.time, dt.time]]:
    cleaned = sorted((int(w), s, e) for w, s, e in hours)
    for weekday, start, end in cleaned:
        if weekday not in Weekday.values:
            raise ValidationError({"hours": _("星期应为 0（星期一）到 6（星期日）。")})
        if end <= start:
            raise ValidationError(
                {
                    "hours": _("%(d)s 的开放时间 %(s)s-%(e)s：结束时间必须晚于开始时间。")
                    % {"d": Weekday(weekday).label, "s": f"{start:%H:%M}", "e": f"{end:%H:%M}"}
                }
            )
    for (w1, _s1, e1), (w2, s2, _e2) in zip(cleaned, cleaned[1:], strict=False):
        if w1 == w2 and s2 < e1:
            raise ValidationError(
                {"hours": _("%(d)s 的开放时间段有重叠。") % {"d": Weekday(w1).label}}
            )
    return cleaned


def _clean_blackouts(blackouts: Blackouts) -> list[tuple[dt.date, str]]:
    seen: dict[dt.date, str] = {}
    for day, reason in blackouts:
        seen[day] = (reason or "").strip()[:100]
    return sorted(seen.items())


def _check_basics(resource: Resource, errors: dict[str, list[str]]) -> None:
    if not resource.name:
        errors["name"] = [_("请填写资源名称。")]
    if resource.kind not in ResourceKind.values:
        errors["kind"] = [_("未知的资源类别。")]
    if resource.terms not in Terms.values:
        errors["terms"] = [_("未知的使用条件。")]
    if resource.capacity is None or int(resource.capacity) < 1:
        errors["capacity"] = [_("容量至少为1。")]
    if resource.org_id and not resource.org.is_unit:
        errors["org"] = [_("只有驻区单位可以开放共享资源。")]
    if resource.area_id and resource.area.level not in ("community", "grid", "street"):
        errors["area"] = [_("资源应位于街道、社区或网格。")]
    if resource.terms != Terms.FREE and not (resource.terms_text or "").strip():
        errors["terms_text"] = [_("收费或有偿的资源请写明条件。")]


def _check_fee(resource: Resource, errors: dict[str, list[str]]) -> None:
    """Normalise the fee to yuan with two decimals (or None), then check it against the terms."""
    if resource.fee_amount in ("", None):
        resource.fee_amount = None
    else:
        try:
            resource.fee_amount = Decimal(str(resource.fee_amount)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors["fee_amount"] = [_("收费标准应为金额（元）。")]
        else:
            if resource.fee_amount < 0:
                errors["fee_amount"] = [_("收费标准不能为负数。")]
            elif resource.terms == Terms.FREE and resource.fee_amount > 0:
                errors["fee_amount"] = [_("免费资源不能填写收费标准。")]
    if resource.terms == Terms.FEE and not resource.fee_amount and "fee_amount" not in errors:
        errors["fee_amount"] = [_("收费资源请填写收费标准（元）。")]
    if resource.fee_unit not in FeeUnit.values:
        errors["fee_unit"] = [_("未知的计费单位。")]


def _check_caps(resource: Resource, errors: dict[str, list[str]]) -> None:
    """Each allowance a whole number of at least 1, and the allowances consistent with each other."""
    caps: dict[str, int] = {}
    for field in CAP_FIELDS:
        try:
            caps[field] = int(getattr(resource, field))
        except (TypeError, ValueError):
            errors[field] = [_("预约上限应为整数。")]
            continue
        if caps[field] < 1:
            errors[field] = [_("预约上限至少为1。")]
        setattr(resource, field, caps[field])
    if len(caps) == len(CAP_FIELDS) and not errors.keys() & set(CAP_FIELDS):
        _check_caps_consistent(caps, errors)


def _check_caps_consistent(caps: dict[str, int], errors: dict[str, list[str]]) -> None:
    if caps["per_person_week"] < caps["per_person_day"]:
        errors["per_person_week"] = [
            _("每人每周上限不能小于每人每天上限（%(d)d）。") % {"d": caps["per_person_day"]}
        ]
    if caps["per_household_day"] < caps["per_person_day"]:
        errors["per_household_day"] = [
            _("每户每天上限不能小于每人每天上限（%(d)d）。") % {"d": caps["per_person_day"]}
        ]
    if caps["per_household_week"] < max(caps["per_household_day"], caps["per_person_week"]):
        errors["per_household_week"] = [_("每户每周上限不能小于每户每天上限和每人每周上限。")]


def _validate(resource: Resource) -> None:
    """Check (and normalise) a resource's fields; every bad field is reported at once."""
    resource.name = (resource.name or "").strip()
    errors: dict[str, list[str]] = {}
    _check_basics(resource, errors)
    _check_fee(resource, errors)
    _check_caps(resource, errors)
    if errors:
        raise ValidationError(errors)


def _snapshot(resource: Resource) -> dict[str, Any]:
    data = snapshot(resource, exclude=("created_at", "updated_at"))
    data["hours"] = [f"{h.weekday}:{h.start:%H:%M}-{h.end:%H:%M}" for h in resource.hours.all()]
    data["blackouts"] = [f"{b.date:%Y-%m-%d}" for b in resource.blackouts.all()]
    data["eligible_areas"] = sorted(a.code for a in resource.eligible_areas.all())
    data["eligible_orgs"] = sorted(o.pk for o in resource.eligible_orgs.all())
    return data


def _describe(before: dict[str, Any], after: dict[str, Any]) -> str:
    labels = {f.attname: str(f.verbose_name) for f in Resource._meta.concrete_fields}
    labels.update(
        hours=_("开放时间"),
        blackouts=_("停止预约日期"),
        eligible_areas=_("可预约区域"),
        eligible_orgs=_("可预约组织"),
    )
    changed = [
        labels.get(k, k)
        for k in after
        if k not in ("version", "is_open", "opened_since", "closed_since")
        and before.get(k) != after.get(k)
    ]
    return _("修改了：%(f)s") % {"f": "、".join(changed)} if changed else _("无实质修改")


def _write_children(
    resource: Resource,
    *,
    hours: list[tuple[int, dt.time, dt.time]] | None,
    blackouts: list[tuple[dt.date, str]] | None,
    eligible_areas: Iterable[Area] | None,
    eligible_orgs: Iterable[Org] | None,
) -> None:
    if hours is not None:
        resource.hours.all().delete()
        OpeningHours.objects.bulk_create(
            [OpeningHours(resource=resource, weekday=w, start=s, end=e) for w, s, e in hours]
        )
    if blackouts is not None:
        resource.blackouts.all().delete()
        Blackout.objects.bulk_create(
            [Blackout(resource=resource, date=d, reason=r) for d, r in blackouts]
        )
    if eligible_areas is not None:
        resource.eligible_areas.set(list(eligible_areas))
    if eligible_orgs is not None:
        resource.eligible_orgs.set(list(eligible_orgs))


def create_resource(
    *,
    by: User | None,
    org: Org | None,
    name: str,
    kind: str,
    area: Area | None,
    capacity: int,
    location: str = "",
    capacity_unit: str = "",
    description: str = "",
    requires_approval: bool = False,
    terms: str = Terms.FREE,
    terms_text: str = "",
    hours: Hours = (),
    blackouts: Blackouts = (),
    eligible_areas: Iterable = (),
    eligible_orgs: Iterable = (),
    is_open: bool = True,
    fee_amount: Any = None,
    fee_unit: str = FeeUnit.PER_BOOKING,
    per_person_day: int = 2,
    per_person_week: int = 6,
    per_household_day: int = 4,
    per_household_week: int = 12,
) -> Resource:
    """Publish a resource of a unit. Without eligible areas, residents of its own area may book."""
    require(by, "resource.create")
    if org is None:
        raise ValidationError({"org": _("请选择开放单位。")})
    if area is None:
        raise ValidationError({"area": _("请选择所在区域。")})
    resource = Resource(
        org=org,
        name=name,
        kind=kind,
        area=area,
        location=(location or "").strip(),
        capacity=capacity,
        capacity_unit=(capacity_unit or "").strip(),
        description=description or "",
        requires_approval=requires_approval,
        terms=terms,
        terms_text=(terms_text or "").strip(),
        is_open=is_open,
        fee_amount=fee_amount,
        fee_unit=fee_unit,
        per_person_day=per_person_day,
        per_person_week=per_person_week,
        per_household_day=per_household_day,
        per_household_week=per_household_week,
    )
    require_can(can_manage(by, resource), "resource out of scope")
    _validate(resource)
    hours = _clean_hours(hours)
    blackouts = _clean_blackouts(blackouts)
    now = timezone.now()
    if is_open:
        resource.opened_since = now
    else:
        resource.closed_since = now
    with transaction.atomic():
        try:
            with transaction.atomic(), counters.tracking(resource):
                resource.save()
        except IntegrityError:
            raise ValidationError({"name": _("该单位已有同名资源。")}) from None
        _write_children(
            resource,
            hours=hours,
            blackouts=blackouts,
            eligible_areas=eligible_areas,
            eligible_orgs=eligible_orgs,
        )
        after = _snapshot(resource)
        ResourceChange.objects.create(
            resource=resource,
            version=1,
            kind=ChangeKind.CREATED,
            at=now,
            by=by,
            summary=_("发布资源"),
            data=after,
        )
        record(actor=by, action="resource.create", obj=resource, after=after)
    return resource


def update_resource(
    *,
    resource: Resource,
    by: User | None,
    hours: Hours | None = None,
    blackouts: Blackouts | None = None,
    eligible_areas: Iterable | None = None,
    eligible_orgs: Iterable | None = None,
    **changes: Any,
) -> Resource:
    """Change a resource; the change is kept as a new version in its history."""
    require(by, "resource.update")
    require_can(can_update(by, resource), "resource.update")
    unknown = set(changes) - set(RESOURCE_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    hours = _clean_hours(hours) if hours is not None else None
    blackouts = _clean_blackouts(blackouts) if blackouts is not None else None
    with transaction.atomic():
        locked = (
            Resource.objects.select_for_update(of=("self",))
            .select_related("org", "area")
            .get(pk=resource.pk)
        )
        before = _snapshot(locked)
        for field, value in changes.items():
            setattr(
                locked,
                field,
                value.strip() if isinstance(value, str) and field != "description" else value,
            )
        require_can(can_manage(by, locked), "resource out of scope")
        _validate(locked)
        locked.version += 1
        try:
            with transaction.atomic(), counters.tracking(locked):
                locked.save()
        except IntegrityError:
            raise ValidationError({"name": _("该单位已有同名资源。")}) from None
        _write_children(
            locked,
            hours=hours,
            blackouts=blackouts,
            eligible_areas=eligible_areas,
            eligible_orgs=eligible_orgs,
        )
        after = _snapshot(locked)
        ResourceChange.objects.create(
            resource=locked,
            version=locked.version,
            kind=ChangeKind.UPDATED,
            at=timezone.now(),
            by=by,
            summary=_describe(before, after)[:300],
            data=after,
        )
        record(actor=by, action="resource.update", obj=locked, before=before, after=after)
    return locked
