"""Every change to shared resources and bookings.

Bookings are made race-free in the database: inside one transaction the resource row is locked
(``select_for_update`` on PostgreSQL; on SQLite the IMMEDIATE transaction already serialises
writers), the peak use of the overlapping active bookings is computed and the booking refused if
it would exceed the capacity, and the same person's overlapping bookings are refused in the same
locked transaction. On PostgreSQL an exclusion constraint (migration 0002) backs the same-person
rule up.
"""

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
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
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.core.validators import normalize_plate, validate_plate
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.resources.models import (
    ACTIVE_STATUSES,
    Blackout,
    Booking,
    BookingStatus,
    ChangeKind,
    FeeUnit,
    OpeningHours,
    Resource,
    ResourceChange,
    ResourceKind,
    Terms,
    Weekday,
)

RESOURCE_FIELDS = [
    "org", "name", "kind", "area", "location", "capacity", "capacity_unit", "description",
    "requires_approval", "terms", "terms_text", "fee_amount", "fee_unit", "per_person_day", "per_person_week",
    "per_household_day", "per_household_week",
]
CAP_FIELDS = ("per_person_day", "per_person_week", "per_household_day", "per_household_week")
# Bookings that use up a person's or household's allowance: those holding capacity, and no-shows
# (a slot not used is not given back to the allowance).
ALLOWANCE_STATUSES = (*ACTIVE_STATUSES, BookingStatus.NO_SHOW)
CHECK_IN_EARLY_MINUTES = 30

Hours = Sequence[tuple[int, dt.time, dt.time]]
Blackouts = Sequence[tuple[dt.date, str]]


def no_show_minutes() -> int:
    return int(getattr(settings, "WULIAN_BOOKING_NO_SHOW_MINUTES", 15))


# ------------------------------------------------------------------------------- who may act


def may_manage(resource: Resource, by) -> bool:
    """The publishing unit's contacts, and area roles over the resource's area."""
    if by is None:
        return True
    scope = scope_for(by)
    return resource.org_id in scope.unit_org_ids or scope.covers_path(resource.area.path)


def _ensure_may_manage(resource: Resource, by) -> None:
    if not may_manage(resource, by):
        raise PermissionDenied("resource out of scope")


def is_eligible(resource: Resource, person) -> bool:
    """Residents of the eligible areas (subtrees; by default the resource's own area) and party
    members of the eligible orgs may book."""
    paths = [a.path for a in resource.eligible_areas.all()] or [resource.area.path]
    if any(person.home_area.path.startswith(p) for p in paths):
        return True
    return bool(person.party_org_id) and resource.eligible_orgs.filter(pk=person.party_org_id).exists()


# ------------------------------------------------------------------------------- resources


def _clean_hours(hours: Hours) -> list[tuple[int, dt.time, dt.time]]:
    cleaned = sorted((int(w), s, e) for w, s, e in hours)
    for weekday, start, end in cleaned:
        if weekday not in Weekday.values:
            raise ValidationError({"hours": _("星期应为 0（星期一）到 6（星期日）。")})
        if end <= start:
            raise ValidationError({"hours": _("%(d)s 的开放时间 %(s)s-%(e)s：结束时间必须晚于开始时间。") % {
                "d": Weekday(weekday).label, "s": f"{start:%H:%M}", "e": f"{end:%H:%M}"}})
    for (w1, _s1, e1), (w2, s2, _e2) in zip(cleaned, cleaned[1:], strict=False):
        if w1 == w2 and s2 < e1:
            raise ValidationError({"hours": _("%(d)s 的开放时间段有重叠。") % {"d": Weekday(w1).label}})
    return cleaned


def _clean_blackouts(blackouts: Blackouts) -> list[tuple[dt.date, str]]:
    seen: dict[dt.date, str] = {}
    for day, reason in blackouts:
        seen[day] = (reason or "").strip()[:100]
    return sorted(seen.items())


def _validate(resource: Resource) -> None:
    resource.name = (resource.name or "").strip()
    errors: dict[str, list[str]] = {}
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
        if caps["per_person_week"] < caps["per_person_day"]:
            errors["per_person_week"] = [_("每人每周上限不能小于每人每天上限（%(d)d）。") % {"d": caps["per_person_day"]}]
        if caps["per_household_day"] < caps["per_person_day"]:
            errors["per_household_day"] = [_("每户每天上限不能小于每人每天上限（%(d)d）。") % {"d": caps["per_person_day"]}]
        if caps["per_household_week"] < max(caps["per_household_day"], caps["per_person_week"]):
            errors["per_household_week"] = [_("每户每周上限不能小于每户每天上限和每人每周上限。")]
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
    labels.update(hours=_("开放时间"), blackouts=_("停止预约日期"), eligible_areas=_("可预约区域"),
                  eligible_orgs=_("可预约组织"))
    changed = [labels.get(k, k) for k in after if k not in ("version", "is_open", "opened_since", "closed_since")
               and before.get(k) != after.get(k)]
    return _("修改了：%(f)s") % {"f": "、".join(changed)} if changed else _("无实质修改")


def _write_children(resource: Resource, *, hours, blackouts, eligible_areas, eligible_orgs) -> None:
    if hours is not None:
        resource.hours.all().delete()
        OpeningHours.objects.bulk_create(
            [OpeningHours(resource=resource, weekday=w, start=s, end=e) for w, s, e in hours]
        )
    if blackouts is not None:
        resource.blackouts.all().delete()
        Blackout.objects.bulk_create([Blackout(resource=resource, date=d, reason=r) for d, r in blackouts])
    if eligible_areas is not None:
        resource.eligible_areas.set(list(eligible_areas))
    if eligible_orgs is not None:
        resource.eligible_orgs.set(list(eligible_orgs))


def create_resource(*, by, org, name: str, kind: str, area, capacity: int, location: str = "",
                    capacity_unit: str = "", description: str = "", requires_approval: bool = False,
                    terms: str = Terms.FREE, terms_text: str = "", hours: Hours = (),
                    blackouts: Blackouts = (), eligible_areas: Iterable = (),
                    eligible_orgs: Iterable = (), is_open: bool = True, fee_amount: Any = None,
                    fee_unit: str = FeeUnit.PER_BOOKING, per_person_day: int = 2, per_person_week: int = 6,
                    per_household_day: int = 4, per_household_week: int = 12) -> Resource:
    """Publish a resource of a unit. Without eligible areas, residents of its own area may book."""
    require(by, "resource.create")
    if org is None:
        raise ValidationError({"org": _("请选择开放单位。")})
    if area is None:
        raise ValidationError({"area": _("请选择所在区域。")})
    resource = Resource(
        org=org, name=name, kind=kind, area=area, location=(location or "").strip(), capacity=capacity,
        capacity_unit=(capacity_unit or "").strip(), description=description or "",
        requires_approval=requires_approval, terms=terms, terms_text=(terms_text or "").strip(),
        is_open=is_open, fee_amount=fee_amount, fee_unit=fee_unit, per_person_day=per_person_day,
        per_person_week=per_person_week, per_household_day=per_household_day, per_household_week=per_household_week,
    )
    _ensure_may_manage(resource, by)
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
            with transaction.atomic():
                with counters.tracking(resource):
                    resource.save()
        except IntegrityError:
            raise ValidationError({"name": _("该单位已有同名资源。")}) from None
        _write_children(resource, hours=hours, blackouts=blackouts, eligible_areas=eligible_areas,
                        eligible_orgs=eligible_orgs)
        after = _snapshot(resource)
        ResourceChange.objects.create(resource=resource, version=1, kind=ChangeKind.CREATED, at=now,
                                      by=by, summary=_("发布资源"), data=after)
        record(actor=by, action="resource.create", obj=resource, after=after)
    return resource


def update_resource(*, resource: Resource, by, hours: Hours | None = None,
                    blackouts: Blackouts | None = None, eligible_areas: Iterable | None = None,
                    eligible_orgs: Iterable | None = None, **changes: Any) -> Resource:
    """Change a resource; the change is kept as a new version in its history."""
    require(by, "resource.update")
    _ensure_may_manage(resource, by)
    unknown = set(changes) - set(RESOURCE_FIELDS)
    if unknown:
        raise ValidationError({f: _("不能修改此字段。") for f in unknown})
    hours = _clean_hours(hours) if hours is not None else None
    blackouts = _clean_blackouts(blackouts) if blackouts is not None else None
    with transaction.atomic():
        locked = Resource.objects.select_for_update().select_related("org", "area").get(pk=resource.pk)
        before = _snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value.strip() if isinstance(value, str) and field != "description" else value)
        _ensure_may_manage(locked, by)
        _validate(locked)
        locked.version += 1
        try:
            with transaction.atomic():
                with counters.tracking(locked):
                    locked.save()
        except IntegrityError:
            raise ValidationError({"name": _("该单位已有同名资源。")}) from None
        _write_children(locked, hours=hours, blackouts=blackouts, eligible_areas=eligible_areas,
                        eligible_orgs=eligible_orgs)
        after = _snapshot(locked)
        ResourceChange.objects.create(resource=locked, version=locked.version, kind=ChangeKind.UPDATED,
                                      at=timezone.now(), by=by, summary=_describe(before, after)[:300],
                                      data=after)
        record(actor=by, action="resource.update", obj=locked, before=before, after=after)
    return locked


def _set_open(*, resource: Resource, by, open_: bool, reason: str) -> Resource:
    require(by, "resource.update")
    _ensure_may_manage(resource, by)
    with transaction.atomic():
        locked = Resource.objects.select_for_update().select_related("org", "area").get(pk=resource.pk)
        if locked.is_open == open_:
            raise ValidationError({"is_open": _("该资源已经是开放状态。") if open_ else _("该资源已经是关闭状态。")})
        now = timezone.now()
        before = {"is_open": locked.is_open, "opened_since": locked.opened_since, "closed_since": locked.closed_since}
        locked.is_open = open_
        if open_:
            locked.opened_since, locked.closed_since = now, None
        else:
            locked.closed_since = now
        locked.version += 1
        with counters.tracking(locked):
            locked.save(update_fields=["is_open", "opened_since", "closed_since", "version", "updated_at"])
        kind = ChangeKind.OPENED if open_ else ChangeKind.CLOSED
        summary = (_("开放") if open_ else _("关闭")) + (f"：{reason.strip()}" if reason and reason.strip() else "")
        ResourceChange.objects.create(resource=locked, version=locked.version, kind=kind, at=now, by=by,
                                      summary=summary[:300], data=_snapshot(locked))
        record(actor=by, action="resource.open" if open_ else "resource.close", obj=locked, before=before,
               after={"is_open": open_, "at": now, "reason": reason})
    return locked


def open_resource(*, resource: Resource, by, reason: str = "") -> Resource:
    """Open (again) for booking: "opened since" is now."""
    return _set_open(resource=resource, by=by, open_=True, reason=reason)


def close_resource(*, resource: Resource, by, reason: str = "") -> Resource:
    """Close for new bookings: "closed since" is now. Existing bookings stay as they are."""
    return _set_open(resource=resource, by=by, open_=False, reason=reason)


# ------------------------------------------------------------------------------- bookings


def _hours_text(resource: Resource, weekday: int) -> str:
    spans = [f"{h.start:%H:%M}-{h.end:%H:%M}" for h in resource.hours.all() if h.weekday == weekday]
    return "、".join(spans) or _("不开放")


def _peak_use(bookings: list[tuple[dt.datetime, dt.datetime, int]], start: dt.datetime, end: dt.datetime) -> int:
    """The largest quantity held at one instant of [start, end) by the given bookings."""
    events: list[tuple[dt.datetime, int]] = []
    for b_start, b_end, qty in bookings:
        events.append((max(b_start, start), qty))
        events.append((min(b_end, end), -qty))
    peak = current = 0
    for _at, delta in sorted(events, key=lambda e: (e[0], e[1])):  # ends before starts at one instant
        current += delta
        peak = max(peak, current)
    return peak


def _check_slot(resource: Resource, *, start: dt.datetime, end: dt.datetime, quantity: int) -> None:
    """Rules that read the (locked) resource: open, capacity, blackout, opening hours."""
    if not resource.is_open:
        raise ValidationError({"resource": _("“%(r)s”已关闭，暂停预约。") % {"r": resource}})
    if quantity > resource.capacity:
        raise ValidationError({"quantity": _("预约数量 %(q)d 超过资源容量 %(c)d。") % {"q": quantity, "c": resource.capacity}})
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    blackout = resource.blackouts.filter(date=local_start.date()).first()
    if blackout is not None:
        raise ValidationError({"start": _("%(d)s 停止预约%(r)s。") % {
            "d": f"{blackout.date:%Y-%m-%d}", "r": f"（{blackout.reason}）" if blackout.reason else ""}})
    if local_end.date() != local_start.date() and local_end.time() != dt.time(0):
        raise ValidationError({"end": _("预约不能跨天。")})
    end_time = dt.time(23, 59, 59, 999999) if local_end.date() != local_start.date() else local_end.time()
    weekday = local_start.weekday()
    if not any(h.weekday == weekday and h.start <= local_start.time() and end_time <= h.end
               for h in resource.hours.all()):
        raise ValidationError({"start": _("预约时段不在开放时间内（%(d)s开放：%(h)s）。") % {
            "d": Weekday(weekday).label, "h": _hours_text(resource, weekday)}})


def _local_day_and_week(start: dt.datetime) -> tuple[dt.datetime, dt.datetime, dt.datetime, dt.datetime]:
    """Bounds of the local (Asia/Shanghai) day and ISO week (Monday–Sunday) of a moment."""
    tz = timezone.get_current_timezone()
    day = timezone.localtime(start).date()
    monday = day - dt.timedelta(days=day.weekday())

    def midnight(d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(0), tzinfo=tz)

    return midnight(day), midnight(day + dt.timedelta(days=1)), midnight(monday), midnight(monday + dt.timedelta(days=7))


def _check_allowance(resource: Resource, person, *, start: dt.datetime, quantity: int) -> None:
    """Per-person and per-household caps per day and per week (in units of the capacity), over
    the bookings that hold or held capacity. A household is ``Person.household_index`` (the same
    address in the same home area); without one the person is a household of one. Call with the
    resource row locked: members of one household booking at once are serialised on it."""
    from django.db.models import Q

    day_start, day_end, week_start, week_end = _local_day_and_week(start)
    in_day = Q(start__gte=day_start, start__lt=day_end)
    mine = Q(person=person)
    household = Q(person__household_index=person.household_index) if person.household_index else mine
    used = (Booking.objects.filter(resource=resource, status__in=ALLOWANCE_STATUSES, start__gte=week_start,
                                   start__lt=week_end).filter(household)
            .aggregate(pd=Sum("quantity", filter=mine & in_day), pw=Sum("quantity", filter=mine),
                       hd=Sum("quantity", filter=in_day), hw=Sum("quantity")))
    unit = resource.unit_label
    day = f"{timezone.localtime(start):%Y-%m-%d}"
    week = f"{timezone.localtime(week_start):%m-%d}"
    checks = [
        ("pd", resource.per_person_day, _("每人每天最多预约%(cap)d%(u)s：%(d)s您已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。")),
        ("pw", resource.per_person_week, _("每人每周最多预约%(cap)d%(u)s：本周（%(w)s起）您已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。")),
        ("hd", resource.per_household_day, _("每户每天最多预约%(cap)d%(u)s：%(d)s您家已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。")),
        ("hw", resource.per_household_week, _("每户每周最多预约%(cap)d%(u)s：本周（%(w)s起）您家已预约%(b)d%(u)s，本次最多还可预约%(left)d%(u)s。")),
    ]
    for key, cap, message in checks:
        booked = used[key] or 0
        if booked + quantity > cap:
            raise ValidationError({"quantity": message % {
                "cap": cap, "u": unit, "d": day, "w": week, "b": booked, "left": max(0, cap - booked)}})


def quote_fee(resource: Resource, *, start: dt.datetime, end: dt.datetime, quantity: int) -> Decimal | None:
    """What the booking costs by the resource's fee (None when free): per booking, per started hour
    or per day, times the quantity."""
    if resource.terms == Terms.FREE or not resource.fee_amount:
        return None
    if resource.fee_unit == FeeUnit.PER_HOUR:
        units = math.ceil((end - start).total_seconds() / 3600)
    else:
        units = 1
    return (resource.fee_amount * units * quantity).quantize(Decimal("0.01"))


def book_resource(*, resource: Resource, by, start: dt.datetime, end: dt.datetime, quantity: int = 1,
                  note: str = "", person=None, plate: str = "") -> Booking:
    """Book a quantity of a resource for [start, end). Refused, with nothing written, when the slot
    is in the past, ends before it starts, falls outside the opening hours or on a blackout date,
    exceeds the capacity left, overlaps the same person's booking, exceeds the person's or the
    household's allowance for the day or the week, lacks a valid licence plate (parking), or the
    person is not eligible. The fee is quoted and kept with the booking."""
    require(by, "resource.book")
    if person is None:
        person = getattr(by, "person", None) if by is not None else None
    if person is None:
        raise ValidationError({"person": _("账号未关联居民信息，不能预约。")})
    if by is not None and by.person_id != person.pk:
        raise PermissionDenied("book for someone else")
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
    if not is_eligible(resource, person):
        raise ValidationError({"person": _("%(p)s不在“%(r)s”的可预约范围内。") % {"p": person, "r": resource}})
    if resource.kind == ResourceKind.PARKING:
        plate = normalize_plate(plate)
        if not plate:
            raise ValidationError({"plate": _("预约停车位请填写车牌号。")})
        try:
            validate_plate(plate)
        except ValidationError as exc:
            raise ValidationError({"plate": exc.messages}) from None
    else:
        plate = ""
    note = (note or "").strip()[:200]
    with transaction.atomic():
        locked = Resource.objects.select_for_update().select_related("org", "area").get(pk=resource.pk)
        _check_slot(locked, start=start, end=end, quantity=quantity)
        _check_allowance(locked, person, start=start, quantity=quantity)
        overlapping = Booking.objects.active().overlapping(start, end).filter(resource=locked)
        mine = overlapping.filter(person=person).first()
        if mine is not None:
            raise ValidationError({"start": _("您在该时段已有预约（%(s)s-%(e)s），不能重复预约。") % {
                "s": f"{timezone.localtime(mine.start):%m-%d %H:%M}", "e": f"{timezone.localtime(mine.end):%H:%M}"}})
        held = _peak_use(list(overlapping.values_list("start", "end", "quantity")), start, end)
        left = locked.capacity - held
        if quantity > left:
            if left <= 0:
                message = _("该时段已约满。")
            else:
                message = _("该时段剩余 %(l)d，不足 %(q)d。") % {"l": left, "q": quantity}
            raise ValidationError({"quantity": message})
        status = BookingStatus.PENDING if locked.requires_approval else BookingStatus.APPROVED
        try:
            with transaction.atomic():
                booking = Booking.objects.create(resource=locked, person=person, booked_by=by, start=start,
                                                 end=end, quantity=quantity, note=note, status=status, plate=plate,
                                                 fee=quote_fee(locked, start=start, end=end, quantity=quantity))
                counters.created(booking)
        except IntegrityError:  # the PostgreSQL exclusion constraint, should the check be bypassed
            raise ValidationError({"start": _("您在该时段已有预约，不能重复预约。")}) from None
        record(actor=by, action="booking.create", obj=booking, after=snapshot(booking))
        if status == BookingStatus.PENDING:
            notify(kind="booking.pending", to=[recipients.unit_contacts_of(locked.org_id)],
                   title=_("新的预约待审核：%(r)s") % {"r": locked},
                   body=f"{person} {timezone.localtime(start):%Y-%m-%d %H:%M}", url=reverse("resources:booking_detail", args=[booking.pk]))
    return booking


def _transition(*, booking: Booking, by, to: str, allowed_from: Sequence[str], action: str,
                fields: dict[str, Any], message: str) -> Booking:
    """Move a booking between states with a conditional UPDATE: a concurrent change wins once."""
    with transaction.atomic():
        updated = counters.update(Booking.objects.filter(pk=booking.pk, status__in=list(allowed_from)), status=to, **fields)
        if updated != 1:
            current = Booking.objects.filter(pk=booking.pk).values_list("status", flat=True).first()
            raise ValidationError({"status": message % {"s": BookingStatus(current).label if current else "?"}})
        before = booking.status
        booking.refresh_from_db()
        record(actor=by, action=action, obj=booking, before={"status": before},
               after={"status": to, **fields})
    return booking


def approve_booking(*, booking: Booking, by, note: str = "") -> Booking:
    require(by, "booking.decide")
    _ensure_may_manage(booking.resource, by)
    booking = _transition(booking=booking, by=by, to=BookingStatus.APPROVED, allowed_from=[BookingStatus.PENDING],
                          action="booking.approve",
                          fields={"decided_at": timezone.now(), "decided_by": by, "decision_note": (note or "").strip()[:200]},
                          message=_("只能审核待审核的预约（当前：%(s)s）。"))
    notify(kind="booking.approved", to=[recipients.person(booking.person_id)],
           title=_("预约已通过：%(r)s") % {"r": booking.resource}, url=reverse("resources:my_booking", args=[booking.pk]))
    return booking


def reject_booking(*, booking: Booking, by, note: str = "") -> Booking:
    """Refuse a pending booking; its slot is free again."""
    require(by, "booking.decide")
    _ensure_may_manage(booking.resource, by)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写不通过的理由。")})
    booking = _transition(booking=booking, by=by, to=BookingStatus.REJECTED, allowed_from=[BookingStatus.PENDING],
                          action="booking.reject",
                          fields={"decided_at": timezone.now(), "decided_by": by, "decision_note": note[:200]},
                          message=_("只能审核待审核的预约（当前：%(s)s）。"))
    notify(kind="booking.rejected", to=[recipients.person(booking.person_id)],
           title=_("预约未通过：%(r)s") % {"r": booking.resource}, body=note, url=reverse("resources:my_booking", args=[booking.pk]))
    return booking


def is_own_booking(booking: Booking, user) -> bool:
    return user is not None and (booking.booked_by_id == user.pk or (
        user.person_id is not None and booking.person_id == user.person_id))


def cancel_booking(*, booking: Booking, by, reason: str = "") -> Booking:
    """The booker (or the resource's managers) cancels a booking that has not started."""
    if by is not None and not is_own_booking(booking, by):
        require(by, "booking.decide")
        _ensure_may_manage(booking.resource, by)
    else:
        require(by, "resource.book")
    if booking.start <= timezone.now() and booking.status != BookingStatus.PENDING:
        raise ValidationError({"status": _("预约已开始，不能取消。")})
    return _transition(booking=booking, by=by, to=BookingStatus.CANCELLED,
                       allowed_from=[BookingStatus.PENDING, BookingStatus.APPROVED], action="booking.cancel",
                       fields={"cancelled_at": timezone.now(), "decision_note": (reason or "").strip()[:200]},
                       message=_("该预约不能取消（当前：%(s)s）。"))


def check_in_booking(*, booking: Booking, by) -> Booking:
    """The unit records that the person came; allowed from 30 minutes before the start to the end."""
    require(by, "booking.check_in")
    _ensure_may_manage(booking.resource, by)
    now = timezone.now()
    if now < booking.start - dt.timedelta(minutes=CHECK_IN_EARLY_MINUTES):
        raise ValidationError({"status": _("开始前 %(m)d 分钟内才能签到。") % {"m": CHECK_IN_EARLY_MINUTES}})
    if now >= booking.end:
        raise ValidationError({"status": _("预约时段已结束，不能签到。")})
    return _transition(booking=booking, by=by, to=BookingStatus.CHECKED_IN, allowed_from=[BookingStatus.APPROVED],
                       action="booking.check_in", fields={"checked_in_at": now},
                       message=_("只能为已预约的预约签到（当前：%(s)s）。"))


def release_no_shows(*, by=None, now: dt.datetime | None = None) -> int:
    """Approved bookings not checked in within the grace period after their start become no-shows,
    which frees their slot. Each is a conditional UPDATE, so a check-in at the same moment wins
    or loses cleanly. Returns how many were released."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=no_show_minutes())
    released = 0
    candidates = list(Booking.objects.filter(status=BookingStatus.APPROVED, start__lte=cutoff)
                      .select_related("resource").order_by("start", "pk")[:1000])
    for booking in candidates:
        with transaction.atomic():
            if counters.update(Booking.objects.filter(pk=booking.pk, status=BookingStatus.APPROVED), status=BookingStatus.NO_SHOW) != 1:
                continue
            record(actor=by, action="booking.no_show", obj=booking, before={"status": BookingStatus.APPROVED},
                   after={"status": BookingStatus.NO_SHOW, "grace_minutes": no_show_minutes()})
            notify(kind="booking.no_show", to=[recipients.person(booking.person_id)],
                   title=_("预约未签到已释放：%(r)s") % {"r": booking.resource}, url=reverse("resources:my_booking", args=[booking.pk]))
        released += 1
    return released


def expire_pending_bookings(*, by=None, now: dt.datetime | None = None) -> int:
    """Pending bookings whose slot has started without the unit deciding are rejected with a
    system reason: they stop holding capacity and the person hears back. Each is a conditional
    UPDATE (``WHERE status = 'pending'``), so an approval at the same moment wins or loses cleanly
    and a second run changes nothing. Returns how many expired."""
    now = now or timezone.now()
    reason = _("单位未在开始前审核，预约已自动失效")
    expired = 0
    candidates = list(Booking.objects.filter(status=BookingStatus.PENDING, start__lte=now)
                      .select_related("resource").order_by("start", "pk")[:1000])
    for booking in candidates:
        fields = {"decided_at": now, "decided_by": None, "decision_note": reason}
        with transaction.atomic():
            if counters.update(Booking.objects.filter(pk=booking.pk, status=BookingStatus.PENDING), status=BookingStatus.REJECTED, **fields) != 1:
                continue
            record(actor=by, action="booking.expire", obj=booking, before={"status": BookingStatus.PENDING},
                   after={"status": BookingStatus.REJECTED, **fields})
            notify(kind="booking.expired", to=[recipients.person(booking.person_id)],
                   title=_("预约已自动失效：%(r)s") % {"r": booking.resource}, body=reason,
                   url=reverse("resources:my_booking", args=[booking.pk]))
        expired += 1
    return expired


__all__ = [
    "ACTIVE_STATUSES", "approve_booking", "book_resource", "cancel_booking", "check_in_booking",
    "close_resource", "create_resource", "expire_pending_bookings", "is_eligible", "may_manage",
    "open_resource", "reject_booking", "release_no_shows", "update_resource",
]
