"""Deliveries recorded under an item in force, and the party side's confirmation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.agreements.models import (
    Agreement,
    AgreementStatus,
    Delivery,
    DeliveryStatus,
    ItemKind,
    ServiceItem,
)
from wulian.agreements.rules import (
    can_confirm_deliveries,
    can_record_delivery,
    is_party_side,
    is_unit_side,
    require_can,
)
from wulian.agreements.services._common import (
    EVIDENCE_MAX_BYTES,
    beneficiaries_per_service,
    confirm_days,
)
from wulian.audit.services import record, snapshot
from wulian.core import counters, uploads
from wulian.notifications import recipients
from wulian.notifications.services import notify

if TYPE_CHECKING:
    from django.core.files import File


def _day_limit(item: ServiceItem, date: dt.date, count: int) -> None:
    """One day cannot deliver more than the item's whole target, nor more than its resource's
    capacity: the day's deliveries of the item's line (across versions), pending or confirmed,
    plus this one. Call inside the transaction that locked the agreement."""
    limits = []
    if item.target_count > 0:
        limits.append(("target", item.target_count))
    resource = item.resource if item.kind == ItemKind.RESOURCE else None
    if resource is not None:
        limits.append(("capacity", resource.capacity))
    if not limits:
        return
    kind, limit = min(limits, key=lambda pair: pair[1])
    done = (
        Delivery.objects.filter(item__line_key=item.line_key, date=date)
        .exclude(status=DeliveryStatus.REJECTED)
        .aggregate(n=Sum("count"))["n"]
        or 0
    )
    if done + count <= limit:
        return
    values = {"n": count, "d": f"{date:%Y-%m-%d}", "done": done, "left": max(0, limit - done)}
    if kind == "target" or resource is None:
        message = _(
            "数量%(n)d超过了服务项目“%(c)s”的目标（%(t)s）：%(d)s已记录%(done)d，当天最多还可记录%(left)d。"
        ) % {**values, "c": item.content, "t": item.target_display}
    else:
        message = _(
            "数量%(n)d超过了共享资源“%(r)s”的容量（%(cap)s）：%(d)s已记录%(done)d，当天最多还可记录%(left)d。"
        ) % {**values, "r": resource.name, "cap": resource.capacity_display}
    raise ValidationError({"count": [message]})


def _check_delivery_date(
    agreement: Agreement, date: dt.date | None, errors: dict[str, list[str]]
) -> None:
    """A delivery's date: given, not in the future, within the agreement's term."""
    if date is None:
        errors["date"] = [_("请填写服务日期。")]
    elif date > timezone.localdate():
        errors["date"] = [_("服务日期不能晚于今天。")]
    elif not (agreement.start <= date <= agreement.end):
        errors["date"] = [
            _("服务日期须在协议期限内（%(s)s 至 %(e)s）。")
            % {"s": agreement.start, "e": agreement.end}
        ]


def _clean_count(count: Any, errors: dict[str, list[str]]) -> Any:
    """How many services were delivered: an integer, at least one (as given when it is not one)."""
    try:
        count = int(count)
    except (TypeError, ValueError):
        errors["count"] = [_("数量应为整数。")]
    else:
        if count < 1:
            errors["count"] = [_("数量至少为1。")]
    return count


def _clean_beneficiaries(beneficiaries: Any, count: Any, errors: dict[str, list[str]]) -> Any:
    """How many people benefited: an integer from 0 up to ``beneficiaries_per_service`` per
    service delivered (checked against the count only when the count is valid)."""
    try:
        beneficiaries = int(beneficiaries or 0)
    except (TypeError, ValueError):
        errors["beneficiaries"] = [_("受益人数应为整数。")]
        return beneficiaries
    if beneficiaries < 0:
        errors["beneficiaries"] = [_("受益人数不能为负数。")]
    elif "count" not in errors and beneficiaries > count * beneficiaries_per_service():
        errors["beneficiaries"] = [
            _("受益人数%(b)d超过上限：每次服务最多%(p)d人，本次数量%(n)d，最多%(m)d人。")
            % {
                "b": beneficiaries,
                "p": beneficiaries_per_service(),
                "n": count,
                "m": count * beneficiaries_per_service(),
            }
        ]
    return beneficiaries


def record_delivery(
    *,
    item: ServiceItem,
    by: User | None,
    date: dt.date,
    count: int,
    beneficiaries: int = 0,
    note: str = "",
    evidence: File | None = None,
) -> Delivery:
    """The unit (or the area's staff) records a service delivered under an item in force."""
    require(by, "delivery.create")
    agreement = Agreement.objects.select_related("area").get(
        pk=item.agreement_id
    )  # its current state
    require_can(can_record_delivery(by, item), "not a side of this agreement")
    errors: dict[str, list[str]] = {}
    if agreement.status != AgreementStatus.IN_FORCE:
        errors["item"] = [
            _("只能为生效中的协议记录服务（当前：%(s)s）。") % {"s": agreement.get_status_display()}
        ]
    _check_delivery_date(agreement, date, errors)
    count = _clean_count(count, errors)
    beneficiaries = _clean_beneficiaries(beneficiaries, count, errors)
    try:
        evidence = uploads.clean_upload(evidence, uploads.EVIDENCE, max_bytes=EVIDENCE_MAX_BYTES)
    except ValidationError as exc:
        errors["evidence"] = exc.messages
    if errors:
        raise ValidationError(errors)
    # Recorded by the community itself (the party side), the delivery is confirmed as it is
    # recorded; recorded by the unit, it waits for the community.
    by_community = (
        by is not None and is_party_side(by, agreement) and not is_unit_side(by, agreement)
    )
    now = timezone.now()
    with transaction.atomic():
        Agreement.objects.select_for_update().filter(
            pk=agreement.pk
        ).first()  # serialise the day's check
        _day_limit(item, date, count)
        delivery = Delivery(
            item=item,
            date=date,
            count=count,
            beneficiaries=beneficiaries,
            note=(note or "").strip()[:500],
            recorded_by=by,
        )
        if by_community:
            delivery.status, delivery.decided_at, delivery.decided_by = (
                DeliveryStatus.CONFIRMED,
                now,
                by,
            )
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


def _decide_delivery(
    *, delivery: Delivery, by: User | None, status: str, note: str, action: str
) -> Delivery:
    require(by, "delivery.confirm")
    agreement = Agreement.objects.select_related("area").get(pk=delivery.item.agreement_id)
    require_can(
        can_confirm_deliveries(by, agreement),
        "only the community (the party side) confirms deliveries",
    )
    note = (note or "").strip()
    if status == DeliveryStatus.REJECTED and not note:
        raise ValidationError({"note": _("请填写不予确认的理由。")})
    if len(note) > 200:
        raise ValidationError(
            {"note": _("确认意见不能超过200个字（当前%(n)d个）。") % {"n": len(note)}}
        )
    fields = {
        "status": status,
        "decided_at": timezone.now(),
        "decided_by": by,
        "decision_note": note,
    }
    with transaction.atomic():
        if (
            counters.update(
                Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING), **fields
            )
            != 1
        ):
            current = (
                Delivery.objects.filter(pk=delivery.pk).values_list("status", flat=True).first()
            )
            raise ValidationError(
                {
                    "status": _("该服务记录已处理（当前：%(s)s）。")
                    % {"s": DeliveryStatus(current).label if current else "?"}
                }
            )
        delivery.refresh_from_db()
        record(
            actor=by,
            action=action,
            obj=delivery,
            before={"status": DeliveryStatus.PENDING},
            after={k: v for k, v in fields.items() if k != "decided_by"},
        )
        if status == DeliveryStatus.REJECTED and delivery.recorded_by_id:
            notify(
                kind="delivery.rejected",
                to=[recipients.unit_contacts_of(agreement.unit_id)],
                title=_("服务记录未获确认：%(i)s %(d)s")
                % {"i": delivery.item.content, "d": f"{delivery.date:%Y-%m-%d}"},
                body=note,
                url=reverse("agreements:detail", args=[agreement.pk]),
            )
    return delivery


def confirm_delivery(*, delivery: Delivery, by: User | None, note: str = "") -> Delivery:
    """The community (area roles over the agreement's area) confirms a delivery: from now on it
    counts toward the item's fulfilment and the figures."""
    return _decide_delivery(
        delivery=delivery,
        by=by,
        status=DeliveryStatus.CONFIRMED,
        note=note,
        action="delivery.confirm",
    )


def reject_delivery(*, delivery: Delivery, by: User | None, note: str) -> Delivery:
    """The community refuses a delivery (a reason is required): it never counts, and its day's
    quantity is free again."""
    return _decide_delivery(
        delivery=delivery,
        by=by,
        status=DeliveryStatus.REJECTED,
        note=note,
        action="delivery.reject",
    )


def flag_unconfirmed_deliveries(*, now: dt.datetime | None = None, by: User | None = None) -> int:
    """Deliveries still pending past their deadline are flagged to the community's area roles,
    once each (a conditional UPDATE on the empty timestamp)."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING, flagged_at__isnull=True, confirm_due_at__lte=now
        ).values_list("pk", flat=True)
    )
    flagged = 0
    for pk in due:
        with transaction.atomic():
            if (
                counters.update(
                    Delivery.objects.filter(
                        pk=pk, status=DeliveryStatus.PENDING, flagged_at__isnull=True
                    ),
                    flagged_at=now,
                )
                != 1
            ):
                continue
            delivery = Delivery.objects.select_related("item__agreement").get(pk=pk)
            agreement = delivery.item.agreement
            record(
                actor=by, action="delivery.confirm_overdue", obj=delivery, after={"flagged_at": now}
            )
            notify(
                kind="delivery.confirm_overdue",
                to=[recipients.area_staff(agreement.area_id)],
                title=_("服务记录逾期未确认：%(i)s %(d)s，请社区确认或不予确认")
                % {"i": delivery.item.content, "d": f"{delivery.date:%Y-%m-%d}"},
                url=reverse("agreements:detail", args=[agreement.pk]),
            )
            flagged += 1
    return flagged
