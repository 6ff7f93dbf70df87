"""Every change to service agreements, their items and deliveries.

Life of an agreement: draft → awaiting confirmation (submitted) → in force (both the area's party
organization and the unit confirmed) → ended. A change to an agreement in force is a new version
(``revise_agreement``): a draft copy with the next version number that points at the previous
one; when the new version comes into force the previous one becomes "superseded" and stays
read-only.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require
from wulian.agreements.models import (
    Agreement,
    AgreementStatus,
    Delivery,
    DeliveryStatus,
    ItemKind,
    ServiceItem,
    TargetPeriod,
)
from wulian.audit.services import record, snapshot
from wulian.core import counters, uploads
from wulian.notifications import recipients
from wulian.notifications.services import notify

AGREEMENT_FIELDS = ["title", "start", "end", "note", "unit"]

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024  # a delivery's evidence (photos, sign-in sheets)


def confirm_days() -> int:
    """Days the community has to confirm a delivery before it is flagged to its admins."""
    return int(getattr(settings, "WULIAN_DELIVERY_CONFIRM_DAYS", 7))


def beneficiaries_per_service() -> int:
    """The most people one unit of a delivery (one clinic, one lecture) may be said to serve."""
    return int(getattr(settings, "WULIAN_DELIVERY_BENEFICIARIES_PER_SERVICE", 200))
ITEM_FIELDS = [
    "content", "standard", "kind", "target_count", "target_unit", "target_period", "responsible_org",
    "responsible_person", "resource", "position",
]


# ------------------------------------------------------------------------------- sides


def is_party_side(agreement: Agreement, by) -> bool:
    """Area roles over the agreement's area act for the leading party organization."""
    return by is None or scope_for(by).covers_path(agreement.area.path)


def is_unit_side(agreement: Agreement, by) -> bool:
    return by is None or agreement.unit_id in scope_for(by).unit_org_ids


def _ensure_party_side(agreement: Agreement, by) -> None:
    if not is_party_side(agreement, by):
        raise PermissionDenied("not the party side of this agreement")


def _ensure_editable(agreement: Agreement) -> None:
    if not agreement.is_editable:
        raise ValidationError({"status": _("“%(a)s”%(s)s，不能修改；如需变更请生成新版本。") % {
            "a": agreement, "s": agreement.get_status_display()}})


def _agreement_snapshot(agreement: Agreement) -> dict[str, Any]:
    data = snapshot(agreement)
    data["items"] = [snapshot(i) for i in agreement.items.all()]
    return data


# ------------------------------------------------------------------------------- agreements


def _validate_agreement(agreement: Agreement) -> None:
    errors: dict[str, list[str]] = {}
    agreement.title = (agreement.title or "").strip()
    if not agreement.title:
        errors["title"] = [_("请填写协议标题。")]
    if agreement.party_org_id and not agreement.party_org.leads_id:
        errors["party_org"] = [_("“%(o)s”不是领导区域的党组织。") % {"o": agreement.party_org}]
    if agreement.unit_id and not agreement.unit.is_unit:
        errors["unit"] = [_("“%(o)s”不是驻区单位。") % {"o": agreement.unit}]
    if agreement.start is None:
        errors["start"] = [_("请填写开始日期。")]
    if agreement.end is None:
        errors["end"] = [_("请填写结束日期。")]
    elif agreement.start is not None and agreement.end < agreement.start:
        errors["end"] = [_("结束日期不能早于开始日期。")]
    if errors:
        raise ValidationError(errors)


def create_agreement(*, by, party_org, unit, start: dt.date, end: dt.date, title: str = "",
                     note: str = "") -> Agreement:
    """Draft an agreement between an area's leading party organization and a unit."""
    require(by, "agreement.create")
    if party_org is None:
        raise ValidationError({"party_org": _("请选择属地党组织。")})
    if unit is None:
        raise ValidationError({"unit": _("请选择驻区单位。")})
    agreement = Agreement(party_org=party_org, unit=unit, start=start, end=end, note=note or "",
                          title=title or _("%(p)s与%(u)s服务项目责任书") % {"p": party_org, "u": unit},
                          created_by=by if by is not None else None)
    _validate_agreement(agreement)
    agreement.area = party_org.leads
    _ensure_party_side(agreement, by)
    with transaction.atomic():
        with counters.tracking(agreement):
            agreement.save()
        record(actor=by, action="agreement.create", obj=agreement, after=snapshot(agreement))
    return agreement


def update_agreement(*, agreement: Agreement, by, **changes: Any) -> Agreement:
    require(by, "agreement.update")
    _ensure_party_side(agreement, by)
    unknown = set(changes) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("area", "party_org", "unit").get(pk=agreement.pk)
        _ensure_editable(locked)
        before = snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value)
        _validate_agreement(locked)
        with counters.tracking(locked):
            locked.save()
        record(actor=by, action="agreement.update", obj=locked, before=before, after=snapshot(locked))
    return locked


def _validate_item(item: ServiceItem) -> None:
    errors: dict[str, list[str]] = {}
    item.content = (item.content or "").strip()
    item.standard = (item.standard or "").strip()
    item.target_unit = (item.target_unit or "").strip()
    item.responsible_person = (item.responsible_person or "").strip()
    if not item.content:
        errors["content"] = [_("请填写服务内容。")]
    try:
        item.target_count = int(item.target_count)
    except (TypeError, ValueError):
        errors["target_count"] = [_("目标数量应为整数。")]
    else:
        if item.target_count < 0:
            errors["target_count"] = [_("目标数量不能为负数（填写了 %(n)d）。") % {"n": item.target_count}]
    if not item.target_unit:
        errors["target_unit"] = [_("请填写目标单位，如“次/月”“个”。")]
    if item.kind not in ItemKind.values:
        errors["kind"] = [_("未知的计量方式。")]
    if item.target_period not in TargetPeriod.values:
        errors["target_period"] = [_("未知的目标周期。")]
    if not item.responsible_org_id:
        errors["responsible_org"] = [_("请选择责任单位。")]
    elif item.responsible_org_id not in (item.agreement.party_org_id, item.agreement.unit_id):
        # The pages offer only the two parties; the API must not name any org of the platform.
        errors["responsible_org"] = [_("责任单位须是协议双方之一。")]
    if not item.responsible_person:
        errors["responsible_person"] = [_("请填写责任人。")]
    if item.kind == ItemKind.RESOURCE:
        if item.resource_id is None:
            errors["resource"] = [_("按共享资源计量的项目须关联一项共享资源。")]
        elif item.resource.org_id != item.agreement.unit_id:
            errors["resource"] = [_("关联的共享资源须是“%(u)s”开放的资源。") % {"u": item.agreement.unit}]
    elif item.resource_id is not None:
        item.resource = None
    if errors:
        raise ValidationError(errors)


def add_item(*, agreement: Agreement, by, content: str, target_count: int, target_unit: str,
             responsible_org, responsible_person: str, standard: str = "", kind: str = ItemKind.SERVICE,
             target_period: str = TargetPeriod.MONTH, resource=None, position: int | None = None) -> ServiceItem:
    require(by, "agreement.update")
    _ensure_party_side(agreement, by)
    item = ServiceItem(agreement=agreement, content=content, standard=standard, kind=kind,
                       target_count=target_count, target_unit=target_unit, target_period=target_period,
                       responsible_org=responsible_org, responsible_person=responsible_person, resource=resource)
    _validate_item(item)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        _ensure_editable(locked)
        if position is None:
            position = (locked.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        item.position = position
        item.save()
        record(actor=by, action="agreement.add_item", obj=item, after=snapshot(item))
    return item


def update_item(*, item: ServiceItem, by, **changes: Any) -> ServiceItem:
    require(by, "agreement.update")
    _ensure_party_side(item.agreement, by)
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
        record(actor=by, action="agreement.update_item", obj=item, before=before, after=snapshot(item))
    return item


def remove_item(*, item: ServiceItem, by) -> None:
    require(by, "agreement.update")
    _ensure_party_side(item.agreement, by)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=item.agreement_id)
        _ensure_editable(locked)
        record(actor=by, action="agreement.remove_item", obj=item, before=snapshot(item))
        counters.deleted(item)
        item.delete()


def submit_agreement(*, agreement: Agreement, by) -> Agreement:
    """Send a draft to both sides for confirmation."""
    require(by, "agreement.update")
    _ensure_party_side(agreement, by)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("area", "party_org", "unit").get(pk=agreement.pk)
        if locked.status != AgreementStatus.DRAFT:
            raise ValidationError({"status": _("只有草稿可以提交确认（当前：%(s)s）。") % {"s": locked.get_status_display()}})
        if not locked.items.exists():
            raise ValidationError({"items": _("请至少添加一个服务项目后再提交。")})
        locked.status = AgreementStatus.AWAITING
        locked.submitted_at = timezone.now()
        locked.party_confirmed_at = locked.unit_confirmed_at = None
        locked.party_confirmed_by = locked.unit_confirmed_by = None
        with counters.tracking(locked):
            locked.save()
        record(actor=by, action="agreement.submit", obj=locked, after=_agreement_snapshot(locked))
        notify(kind="agreement.submitted", to=[recipients.unit_contacts_of(locked.unit_id)],
               title=_("共建协议待确认：%(a)s") % {"a": locked}, url=reverse("agreements:detail", args=[locked.pk]))
    return locked


def confirm_agreement(*, agreement: Agreement, by) -> Agreement:
    """One side confirms; when both have, the agreement is in force (and its previous version,
    if any, is superseded). The agreement row is locked, so two simultaneous confirmations of
    the two sides both count."""
    require(by, "agreement.confirm")
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("area", "party_org", "unit").get(pk=agreement.pk)
        if locked.status != AgreementStatus.AWAITING:
            raise ValidationError({"status": _("只有待确认的协议可以确认（当前：%(s)s）。") % {"s": locked.get_status_display()}})
        party, unit = is_party_side(locked, by), is_unit_side(locked, by)
        if not (party or unit):
            raise ValidationError({"status": _("您不是协议的任何一方，不能确认。")})
        now = timezone.now()
        if party and locked.party_confirmed_at is None:
            locked.party_confirmed_at, locked.party_confirmed_by = now, by
        elif unit and locked.unit_confirmed_at is None:
            locked.unit_confirmed_at, locked.unit_confirmed_by = now, by
        else:
            raise ValidationError({"status": _("您这一方已经确认过。")})
        if by is None:  # the system (demo, commands) confirms for both sides
            locked.party_confirmed_at = locked.party_confirmed_at or now
            locked.unit_confirmed_at = locked.unit_confirmed_at or now
        previous_before = None
        if locked.party_confirmed_at and locked.unit_confirmed_at:
            locked.status = AgreementStatus.IN_FORCE
            locked.in_force_at = now
            if locked.previous_id:
                previous = Agreement.objects.select_for_update().get(pk=locked.previous_id)
                previous_before = previous.status
                counters.update(Agreement.objects.filter(pk=previous.pk), status=AgreementStatus.SUPERSEDED, ended_at=now)
        with counters.tracking(locked):
            locked.save()
        record(actor=by, action="agreement.confirm", obj=locked,
               after={"status": locked.status, "party_confirmed_at": locked.party_confirmed_at,
                      "unit_confirmed_at": locked.unit_confirmed_at, "previous_status_was": previous_before})
        if locked.status == AgreementStatus.IN_FORCE:
            notify(kind="agreement.in_force", to=[recipients.officials_of(locked.unit_id, locked.party_org_id)],
                   title=_("共建协议已生效：%(a)s") % {"a": locked},
                   url=reverse("agreements:detail", args=[locked.pk]))
    return locked


def revise_agreement(*, agreement: Agreement, by) -> Agreement:
    """Start a new version of an agreement in force: a draft copy, items included, that keeps
    each item's line so fulfilment carries on. The version in force stays until the new one is
    confirmed by both sides."""
    require(by, "agreement.update")
    _ensure_party_side(agreement, by)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.status != AgreementStatus.IN_FORCE:
            raise ValidationError({"status": _("只有生效中的协议可以生成新版本（当前：%(s)s）。") % {"s": locked.get_status_display()}})
        if Agreement.objects.filter(previous=locked).exists():
            raise ValidationError({"status": _("该协议已有一个待生效的新版本。")})
        new = Agreement(title=locked.title, area_id=locked.area_id, party_org_id=locked.party_org_id,
                        unit_id=locked.unit_id, start=locked.start, end=locked.end, note=locked.note,
                        version=locked.version + 1, previous=locked, created_by=by)
        try:
            with transaction.atomic():
                with counters.tracking(new):
                    new.save()
        except IntegrityError:
            raise ValidationError({"status": _("该协议已有一个待生效的新版本。")}) from None
        ServiceItem.objects.bulk_create([
            ServiceItem(agreement=new, line_key=i.line_key, position=i.position, content=i.content,
                        standard=i.standard, kind=i.kind, target_count=i.target_count, target_unit=i.target_unit,
                        target_period=i.target_period, responsible_org_id=i.responsible_org_id,
                        responsible_person=i.responsible_person, resource_id=i.resource_id)
            for i in locked.items.all()
        ])
        record(actor=by, action="agreement.revise", obj=new, before={"previous": locked.pk, "version": locked.version},
               after=_agreement_snapshot(new))
    return new


def end_agreement(*, agreement: Agreement, by, reason: str = "") -> Agreement:
    require(by, "agreement.update")
    _ensure_party_side(agreement, by)
    with transaction.atomic():
        updated = counters.update(Agreement.objects.filter(pk=agreement.pk, status=AgreementStatus.IN_FORCE), status=AgreementStatus.ENDED, ended_at=timezone.now())
        if updated != 1:
            raise ValidationError({"status": _("只有生效中的协议可以终止。")})
        agreement.refresh_from_db()
        record(actor=by, action="agreement.end", obj=agreement, after={"status": agreement.status, "reason": reason})
    return agreement


# ------------------------------------------------------------------------------- deliveries


def _day_limit(item: ServiceItem, date: dt.date, count: int) -> None:
    """One day cannot deliver more than the item's whole target, nor more than its resource's
    capacity: the day's deliveries of the item's line (across versions), pending or confirmed,
    plus this one. Call inside the transaction that locked the agreement."""
    limits = []
    if item.target_count > 0:
        limits.append(("target", item.target_count))
    if item.kind == ItemKind.RESOURCE and item.resource_id is not None:
        limits.append(("capacity", item.resource.capacity))
    if not limits:
        return
    kind, limit = min(limits, key=lambda pair: pair[1])
    done = (Delivery.objects.filter(item__line_key=item.line_key, date=date)
            .exclude(status=DeliveryStatus.REJECTED).aggregate(n=Sum("count"))["n"] or 0)
    if done + count <= limit:
        return
    values = {"n": count, "d": f"{date:%Y-%m-%d}", "done": done, "left": max(0, limit - done)}
    if kind == "target":
        message = _("数量%(n)d超过了服务项目“%(c)s”的目标（%(t)s）：%(d)s已记录%(done)d，当天最多还可记录%(left)d。") % {
            **values, "c": item.content, "t": item.target_display}
    else:
        message = _("数量%(n)d超过了共享资源“%(r)s”的容量（%(cap)s）：%(d)s已记录%(done)d，当天最多还可记录%(left)d。") % {
            **values, "r": item.resource.name, "cap": item.resource.capacity_display}
    raise ValidationError({"count": [message]})


def record_delivery(*, item: ServiceItem, by, date: dt.date, count: int, beneficiaries: int = 0,
                    note: str = "", evidence=None) -> Delivery:
    """The unit (or the area's staff) records a service delivered under an item in force."""
    require(by, "delivery.create")
    agreement = Agreement.objects.select_related("area").get(pk=item.agreement_id)  # its current state
    if by is not None and not (is_unit_side(agreement, by) or is_party_side(agreement, by)
                               or item.responsible_org_id in scope_for(by).unit_org_ids):
        raise PermissionDenied("not a side of this agreement")
    errors: dict[str, list[str]] = {}
    if agreement.status != AgreementStatus.IN_FORCE:
        errors["item"] = [_("只能为生效中的协议记录服务（当前：%(s)s）。") % {"s": agreement.get_status_display()}]
    if date is None:
        errors["date"] = [_("请填写服务日期。")]
    elif date > timezone.localdate():
        errors["date"] = [_("服务日期不能晚于今天。")]
    elif not (agreement.start <= date <= agreement.end):
        errors["date"] = [_("服务日期须在协议期限内（%(s)s 至 %(e)s）。") % {"s": agreement.start, "e": agreement.end}]
    try:
        count = int(count)
    except (TypeError, ValueError):
        errors["count"] = [_("数量应为整数。")]
    else:
        if count < 1:
            errors["count"] = [_("数量至少为1。")]
    try:
        beneficiaries = int(beneficiaries or 0)
    except (TypeError, ValueError):
        errors["beneficiaries"] = [_("受益人数应为整数。")]
    else:
        if beneficiaries < 0:
            errors["beneficiaries"] = [_("受益人数不能为负数。")]
        elif "count" not in errors and beneficiaries > count * beneficiaries_per_service():
            errors["beneficiaries"] = [_("受益人数%(b)d超过上限：每次服务最多%(p)d人，本次数量%(n)d，最多%(m)d人。") % {
                "b": beneficiaries, "p": beneficiaries_per_service(), "n": count,
                "m": count * beneficiaries_per_service()}]
    try:
        evidence = uploads.clean_upload(evidence, uploads.EVIDENCE, max_bytes=EVIDENCE_MAX_BYTES)
    except ValidationError as exc:
        errors["evidence"] = exc.messages
    if errors:
        raise ValidationError(errors)
    # Recorded by the community itself (the party side), the delivery is confirmed as it is
    # recorded; recorded by the unit, it waits for the community.
    by_community = by is not None and is_party_side(agreement, by) and not is_unit_side(agreement, by)
    now = timezone.now()
    with transaction.atomic():
        Agreement.objects.select_for_update().filter(pk=agreement.pk).first()  # serialise the day's check
        _day_limit(item, date, count)
        delivery = Delivery(item=item, date=date, count=count, beneficiaries=beneficiaries,
                            note=(note or "").strip()[:500], recorded_by=by)
        if by_community:
            delivery.status, delivery.decided_at, delivery.decided_by = DeliveryStatus.CONFIRMED, now, by
        else:
            delivery.confirm_due_at = now + dt.timedelta(days=confirm_days())
        if evidence:
            delivery.evidence = evidence
        with counters.tracking(delivery):
            delivery.save()
        after = snapshot(delivery, exclude=("evidence",))
        after["evidence"] = delivery.evidence.name if delivery.evidence else ""
        record(actor=by, action="delivery.create", obj=delivery, after=after)
    return delivery


def _decide_delivery(*, delivery: Delivery, by, status: str, note: str, action: str) -> Delivery:
    require(by, "delivery.confirm")
    agreement = Agreement.objects.select_related("area").get(pk=delivery.item.agreement_id)
    if by is not None and not is_party_side(agreement, by):
        raise PermissionDenied("only the community (the party side) confirms deliveries")
    note = (note or "").strip()
    if status == DeliveryStatus.REJECTED and not note:
        raise ValidationError({"note": _("请填写不予确认的理由。")})
    if len(note) > 200:
        raise ValidationError({"note": _("确认意见不能超过200个字（当前%(n)d个）。") % {"n": len(note)}})
    fields = {"status": status, "decided_at": timezone.now(), "decided_by": by, "decision_note": note}
    with transaction.atomic():
        if counters.update(Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING), **fields) != 1:
            current = Delivery.objects.filter(pk=delivery.pk).values_list("status", flat=True).first()
            raise ValidationError({"status": _("该服务记录已处理（当前：%(s)s）。") % {
                "s": DeliveryStatus(current).label if current else "?"}})
        delivery.refresh_from_db()
        record(actor=by, action=action, obj=delivery, before={"status": DeliveryStatus.PENDING},
               after={k: v for k, v in fields.items() if k != "decided_by"})
        if status == DeliveryStatus.REJECTED and delivery.recorded_by_id:
            notify(kind="delivery.rejected", to=[recipients.unit_contacts_of(agreement.unit_id)],
                   title=_("服务记录未获确认：%(i)s %(d)s") % {"i": delivery.item.content, "d": f"{delivery.date:%Y-%m-%d}"},
                   body=note, url=reverse("agreements:detail", args=[agreement.pk]))
    return delivery


def confirm_delivery(*, delivery: Delivery, by, note: str = "") -> Delivery:
    """The community (area roles over the agreement's area) confirms a delivery: from now on it
    counts toward the item's fulfilment and the figures."""
    return _decide_delivery(delivery=delivery, by=by, status=DeliveryStatus.CONFIRMED, note=note,
                            action="delivery.confirm")


def reject_delivery(*, delivery: Delivery, by, note: str) -> Delivery:
    """The community refuses a delivery (a reason is required): it never counts, and its day's
    quantity is free again."""
    return _decide_delivery(delivery=delivery, by=by, status=DeliveryStatus.REJECTED, note=note,
                            action="delivery.reject")


def flag_unconfirmed_deliveries(*, now: dt.datetime | None = None, by=None) -> int:
    """Deliveries still pending past their deadline are flagged to the community's area roles,
    once each (a conditional UPDATE on the empty timestamp)."""
    now = now or timezone.now()
    due = list(Delivery.objects.filter(status=DeliveryStatus.PENDING, flagged_at__isnull=True,
                                       confirm_due_at__lte=now).values_list("pk", flat=True))
    flagged = 0
    for pk in due:
        with transaction.atomic():
            if counters.update(Delivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING, flagged_at__isnull=True), flagged_at=now) != 1:
                continue
            delivery = Delivery.objects.select_related("item__agreement").get(pk=pk)
            agreement = delivery.item.agreement
            record(actor=by, action="delivery.confirm_overdue", obj=delivery, after={"flagged_at": now})
            notify(kind="delivery.confirm_overdue", to=[recipients.area_staff(agreement.area_id)],
                   title=_("服务记录逾期未确认：%(i)s %(d)s，请社区确认或不予确认") % {
                       "i": delivery.item.content, "d": f"{delivery.date:%Y-%m-%d}"},
                   url=reverse("agreements:detail", args=[agreement.pk]))
            flagged += 1
    return flagged
