"""Booking a resource: the slot, capacity and allowance rules, checked with the resource row locked."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.core.validators import normalize_plate, validate_plate
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.resources.models import (
    Booking,
    BookingStatus,
    FeeUnit,
    Resource,
    ResourceKind,
    Terms,
    Weekday,
)
from wulian.resources.rules import can_book_for, require_can
from wulian.resources.services.access import ALLOWANCE_STATUSES, is_eligible

if TYPE_CHECKING:
    from wulian.people.models import Person


def _hours_text(resource: Resource, weekday: int) -> str:
    spans = [f"{h.start:%H:%M}-{h.end:%H:%M}" for h in resource.hours.all() if h.weekday == weekday]
    return "、".join(spans) or _("不开放")


def _peak_use(
    bookings: list[tuple[dt.datetime, dt.datetime, int]], start: dt.datetime, end: dt.datetime
) -> int:
    """The largest quantity held at one instant of [start, end) by the given bookings."""
    events: list[tuple[dt.datetime, int]] = []
    for b_start, b_end, qty in bookings:
        events.append((max(b_start, start), qty))
        events.append((min(b_end, end), -qty))
    peak = current = 0
    for _at, delta in sorted(
        events, key=lambda e: (e[0], e[1])
    ):  # ends before starts at one instant
        current += delta
        peak = max(peak, current)
    return peak


def _check_slot(resource: Resource, *, start: dt.datetime, end: dt.datetime, quantity: int) -> None:
    """Rules that read the (locked) resource: open, capacity, blackout, opening hours."""
    if not resource.is_open:
        raise ValidationError({"resource": _("“%(r)s”已关闭，暂停预约。") % {"r": resource}})
    if quantity > resource.capacity:
        raise ValidationError(
            {
                "quantity": _("预约数量 %(q)d 超过资源容量 %(c)d。")
                % {"q": quantity, "c": resource.capacity}
            }
        )
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    blackout = resource.blackouts.filter(date=local_start.date()).first()
    if blackout is not None:
        raise ValidationError(
            {
                "start": _("%(d)s 停止预约%(r)s。")
                % {
                    "d": f"{blackout.date:%Y-%m-%d}",
                    "r": f"（{blackout.reason}）" if blackout.reason else "",
                }
            }
        )
    if local_end.date() != local_start.date() and local_end.time() != dt.time(0):
        raise ValidationError({"end": _("预约不能跨天。")})
    end_time = (
        dt.time(23, 59, 59, 999999) if local_end.date() != local_start.date() else local_end.time()
    )
    weekday = local_start.weekday()
    if not any(
        h.weekday == weekday and h.start <= local_start.time() and end_time <= h.end
        for h in resource.hours.all()
    ):
        raise ValidationError(
            {
                "start": _("预约时段不在开放时间内（%(d)s开放：%(h)s）。")
                % {"d": Weekday(weekday).label, "h": _hours_text(resource, weekday)}
            }
        )


def _local_day_and_week(
    start: dt.datetime,
) -> tuple[dt.datetime, dt.datetime, dt.datetime, dt.datetime]:
    """Bounds of the local (Asia/Shanghai) day and ISO week (Monday–Sunday) of a moment."""
    tz = timezone.get_current_timezone()
    day = timezone.localtime(start).date()
    monday = day - dt.timedelta(days=day.weekday())

    def midnight(d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(0), tzinfo=tz)

    return (
        midnight(day),
        midnight(day + dt.timedelta(days=1)),
        midnight(monday),
        midnight(monday + dt.timedelta(days=7)),
    )


def _check_allowance(
    resource: Resource, person: Person, *, start: dt.datetime, quantity: int
) -> None:
    """Per-person and per-household caps per day and per week (in units of the capacity), over
    the bookings that hold or held capacity. A household is ``Person.household_index`` (the same
    address in the same home area); without one the person is a household of one. Call with the
    resource row locked: members of one household booking at once are serialised on it."""
    from django.db.models import Q

    day_start, day_end, week_start, week_end = _local_day_and_week(start)
    in_day = Q(start__gte=day_start, start__lt=day_end)
    mine = Q(person=person)
    household = (
        Q(person__household_index=person.household_index) if person.household_index else mine
    )
    used = (
        Booking.objects.filter(
            resource=resource,
            status__in=ALLOWANCE_STATUSES,
            start__gte=week_start,
            start__lt=week_end,
        )
        .filter(household)
        .aggregate(
            pd=Sum("quantity", filter=mine & in_day),
            pw=Sum("quantity", filter=mine),
            hd=Sum("quantity", filter=in_day),
            hw=Sum("quantity"),
        )
    )
    unit = resource.unit_label
    day = f"{timezone.localtime(start):%Y-%m-%d}"
    week = f"{timezone.localtime(week_start):%m-%d}"
    checks = [
        (
            "pd",
            resource.per_person_day,
            _(
                "每人每天最多预约%(cap)d%(u)s：%(d)s您已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。"
            ),
        ),
        (
            "pw",
            resource.per_person_week,
            _(
                "每人每周最多预约%(cap)d%(u)s：本周（%(w)s起）您已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。"
            ),
        ),
        (
            "hd",
            resource.per_household_day,
            _(
                "每户每天最多预约%(cap)d%(u)s：%(d)s您家已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。"
            ),
        ),
        (
            "hw",
            resource.per_household_week,
            _(
                "每户每周最多预约%(cap)d%(u)s：本周（%(w)s起）您家已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。"
            ),
        ),
    ]
    for key, cap, message in checks:
        booked = used[key] or 0
        if booked + quantity > cap:
            raise ValidationError(
                {
                    "quantity": message
                    % {
                        "cap": cap,
                        "u": unit,
                        "d": day,
                        "w": week,
                        "b": booked,
                        "left": max(0, cap - booked),
                    }
                }
            )


def quote_fee(
    resource: Resource, *, start: dt.datetime, end: dt.datetime, quantity: int
) -> Decimal | None:
    """What the booking costs by the resource's fee (None when free): per booking, per started hour
    or per day, times the quantity."""
    if resource.terms == Terms.FREE or not resource.fee_amount:
        return None
    if resource.fee_unit == FeeUnit.PER_HOUR:
        units = math.ceil((end - start).total_seconds() / 3600)
    else:
        units = 1
    return (resource.fee_amount * units * quantity).quantize(Decimal("0.01"))


def _booker(by: User | None, person: Person | None) -> Person:
    """The person booked for: the account's own person unless given; nobody books for another."""
    if person is None:
        person = getattr(by, "person", None) if by is not None else None
    if person is None:
        raise ValidationError({"person": _("账号未关联居民信息，不能预约。")})
    require_can(can_book_for(by, person), "book for someone else")
    return person


def _clean_slot(start: dt.datetime, end: dt.datetime, quantity: Any) -> int:
    """Refuse a slot without aware times, ending before it starts or in the past; the quantity as an int."""
    if start is None:
        raise ValidationError({"start": _("请填写开始时间。")})
    if end is None:
        raise ValidationError({"end": _("请填写结束时间。")})
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError({"start": _("时间须带时区。")})
    if end <= start:
        raise ValidationError({"end": _("结束时间必须晚于开始时间。")})
    if start < timezone.now():
        raise ValidationError({"start": _("不能预约已经过去的时间。")})
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        raise ValidationError({"quantity": _("数量应为整数。")}) from None
    if quantity < 1:
        raise ValidationError({"quantity": _("数量至少为1。")})
    return quantity


def _clean_plate(resource: Resource, plate: str) -> str:
    """A parking booking needs a valid licence plate; other kinds keep none."""
    if resource.kind != ResourceKind.PARKING:
        return ""
    plate = normalize_plate(plate)
    if not plate:
        raise ValidationError({"plate": _("预约停车位请填写车牌号。")})
    try:
        validate_plate(plate)
    except ValidationError as exc:
        raise ValidationError({"plate": exc.messages}) from None
    return plate


def _check_overlap_and_capacity(
    resource: Resource, person: Person, *, start: dt.datetime, end: dt.datetime, quantity: int
) -> None:
    """With the resource locked: the person's own overlapping booking, then the capacity left."""
    overlapping = Booking.objects.active().overlapping(start, end).filter(resource=resource)
    mine = overlapping.filter(person=person).first()
    if mine is not None:
        raise ValidationError(
            {
                "start": _("您在该时段已有预约（%(s)s-%(e)s），不能重复预约。")
                % {
                    "s": f"{timezone.localtime(mine.start):%m-%d %H:%M}",
                    "e": f"{timezone.localtime(mine.end):%H:%M}",
                }
            }
        )
    held = _peak_use(list(overlapping.values_list("start", "end", "quantity")), start, end)
    left = resource.capacity - held
    if quantity > left:
        if left <= 0:
            message = _("该时段已约满。")
        else:
            message = _("该时段剩余 %(l)d，不足 %(q)d。") % {"l": left, "q": quantity}
        raise ValidationError({"quantity": message})


def book_resource(
    *,
    resource: Resource,
    by: User | None,
    start: dt.datetime,
    end: dt.datetime,
    quantity: int = 1,
    note: str = "",
    person: Person | None = None,
    plate: str = "",
) -> Booking:
    """Book a quantity of a resource for [start, end). Refused, with nothing written, when the slot
    is in the past, ends before it starts, falls outside the opening hours or on a blackout date,
    exceeds the capacity left, overlaps the same person's booking, exceeds the person's or the
    household's allowance for the day or the week, lacks a valid licence plate (parking), or the
    person is not eligible. The fee is quoted and kept with the booking."""
    require(by, "resource.book")
    person = _booker(by, person)
    quantity = _clean_slot(start, end, quantity)
    if not is_eligible(resource, person):
        raise ValidationError(
            {"person": _("%(p)s不在“%(r)s”的可预约范围内。") % {"p": person, "r": resource}}
        )
    plate = _clean_plate(resource, plate)
    note = (note or "").strip()[:200]
    with transaction.atomic():
        locked = (
            Resource.objects.select_for_update(of=("self",))
            .select_related("org", "area")
            .get(pk=resource.pk)
        )
        _check_slot(locked, start=start, end=end, quantity=quantity)
        _check_allowance(locked, person, start=start, quantity=quantity)
        _check_overlap_and_capacity(locked, person, start=start, end=end, quantity=quantity)
        status = BookingStatus.PENDING if locked.requires_approval else BookingStatus.APPROVED
        try:
            with transaction.atomic():
                booking = Booking.objects.create(
                    resource=locked,
                    person=person,
                    booked_by=by,
                    start=start,
                    end=end,
                    quantity=quantity,
                    note=note,
                    status=status,
                    plate=plate,
                    fee=quote_fee(locked, start=start, end=end, quantity=quantity),
                )
                counters.created(booking)
        except IntegrityError:  # the PostgreSQL exclusion constraint, should the check be bypassed
            raise ValidationError({"start": _("您在该时段已有预约，不能重复预约。")}) from None
        record(actor=by, action="booking.create", obj=booking, after=snapshot(booking))
        if status == BookingStatus.PENDING:
            notify(
                kind="booking.pending",
                to=[recipients.unit_contacts_of(locked.org_id)],
                title=_("新的预约待审核：%(r)s") % {"r": locked},
                body=f"{person} {timezone.localtime(start):%Y-%m-%d %H:%M}",
                url=reverse("resources:booking_detail", args=[booking.pk]),
            )
    return booking
