"""What happens to a booking after it is made: decisions, cancellation, check-in, no-shows, expiry."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record
from wulian.core import counters
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.resources.models import (
    Booking,
    BookingStatus,
)
from wulian.resources.rules import can_check_in, can_decide, require_can
from wulian.resources.services.access import (
    CHECK_IN_EARLY_MINUTES,
    no_show_minutes,
)


def _transition(
    *,
    booking: Booking,
    by: User | None,
    to: str,
    allowed_from: Sequence[str],
    action: str,
    fields: dict[str, Any],
    message: str,
) -> Booking:
    """Move a booking between states with a conditional UPDATE: a concurrent change wins once."""
    with transaction.atomic():
        updated = counters.update(
            Booking.objects.filter(pk=booking.pk, status__in=list(allowed_from)),
            status=to,
            **fields,
        )
        if updated != 1:
            current = Booking.objects.filter(pk=booking.pk).values_list("status", flat=True).first()
            raise ValidationError(
                {"status": message % {"s": BookingStatus(current).label if current else "?"}}
            )
        before = booking.status
        booking.refresh_from_db()
        record(
            actor=by,
            action=action,
            obj=booking,
            before={"status": before},
            after={"status": to, **fields},
        )
    return booking


def approve_booking(*, booking: Booking, by: User | None, note: str = "") -> Booking:
    require(by, "booking.decide")
    require_can(can_decide(by, booking), "booking.decide")
    booking = _transition(
        booking=booking,
        by=by,
        to=BookingStatus.APPROVED,
        allowed_from=[BookingStatus.PENDING],
        action="booking.approve",
        fields={
            "decided_at": timezone.now(),
            "decided_by": by,
            "decision_note": (note or "").strip()[:200],
        },
        message=_("只能审核待审核的预约（当前：%(s)s）。"),
    )
    notify(
        kind="booking.approved",
        to=[recipients.person(booking.person_id)],
        title=_("预约已通过：%(r)s") % {"r": booking.resource},
        url=reverse("resources:my_booking", args=[booking.pk]),
    )
    return booking


def reject_booking(*, booking: Booking, by: User | None, note: str = "") -> Booking:
    """Refuse a pending booking; its slot is free again."""
    require(by, "booking.decide")
    require_can(can_decide(by, booking), "booking.decide")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写不通过的理由。")})
    booking = _transition(
        booking=booking,
        by=by,
        to=BookingStatus.REJECTED,
        allowed_from=[BookingStatus.PENDING],
        action="booking.reject",
        fields={"decided_at": timezone.now(), "decided_by": by, "decision_note": note[:200]},
        message=_("只能审核待审核的预约（当前：%(s)s）。"),
    )
    notify(
        kind="booking.rejected",
        to=[recipients.person(booking.person_id)],
        title=_("预约未通过：%(r)s") % {"r": booking.resource},
        body=note,
        url=reverse("resources:my_booking", args=[booking.pk]),
    )
    return booking


def is_own_booking(booking: Booking, user: User | None) -> bool:
    return user is not None and (
        booking.booked_by_id == user.pk
        or (user.person_id is not None and booking.person_id == user.person_id)
    )


def cancel_booking(*, booking: Booking, by: User | None, reason: str = "") -> Booking:
    """The booker (or the resource's managers) cancels a booking that has not started."""
    if by is not None and not is_own_booking(booking, by):
        require(by, "booking.decide")
        require_can(can_decide(by, booking), "booking.decide")
    else:
        require(by, "resource.book")
    if booking.start <= timezone.now() and booking.status != BookingStatus.PENDING:
        raise ValidationError({"status": _("预约已开始，不能取消。")})
    return _transition(
        booking=booking,
        by=by,
        to=BookingStatus.CANCELLED,
        allowed_from=[BookingStatus.PENDING, BookingStatus.APPROVED],
        action="booking.cancel",
        fields={"cancelled_at": timezone.now(), "decision_note": (reason or "").strip()[:200]},
        message=_("该预约不能取消（当前：%(s)s）。"),
    )


def check_in_booking(*, booking: Booking, by: User | None) -> Booking:
    """The unit records that the person came; allowed from 30 minutes before the start to the end."""
    require(by, "booking.check_in")
    require_can(can_check_in(by, booking), "booking.check_in")
    now = timezone.now()
    if now < booking.start - dt.timedelta(minutes=CHECK_IN_EARLY_MINUTES):
        raise ValidationError(
            {"status": _("开始前 %(m)d 分钟内才能签到。") % {"m": CHECK_IN_EARLY_MINUTES}}
        )
    if now >= booking.end:
        raise ValidationError({"status": _("预约时段已结束，不能签到。")})
    return _transition(
        booking=booking,
        by=by,
        to=BookingStatus.CHECKED_IN,
        allowed_from=[BookingStatus.APPROVED],
        action="booking.check_in",
        fields={"checked_in_at": now},
        message=_("只能为已预约的预约签到（当前：%(s)s）。"),
    )


def release_no_shows(*, by: User | None = None, now: dt.datetime | None = None) -> int:
    """Approved bookings not checked in within the grace period after their start become no-shows,
    which frees their slot. Each is a conditional UPDATE, so a check-in at the same moment wins
    or loses cleanly. Returns how many were released."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=no_show_minutes())
    released = 0
    candidates = list(
        Booking.objects.filter(status=BookingStatus.APPROVED, start__lte=cutoff)
        .select_related("resource")
        .order_by("start", "pk")[:1000]
    )
    for booking in candidates:
        with transaction.atomic():
            if (
                counters.update(
                    Booking.objects.filter(pk=booking.pk, status=BookingStatus.APPROVED),
                    status=BookingStatus.NO_SHOW,
                )
                != 1
            ):
                continue
            record(
                actor=by,
                action="booking.no_show",
                obj=booking,
                before={"status": BookingStatus.APPROVED},
                after={"status": BookingStatus.NO_SHOW, "grace_minutes": no_show_minutes()},
            )
            notify(
                kind="booking.no_show",
                to=[recipients.person(booking.person_id)],
                title=_("预约未签到已释放：%(r)s") % {"r": booking.resource},
                url=reverse("resources:my_booking", args=[booking.pk]),
            )
        released += 1
    return released


def expire_pending_bookings(*, by: User | None = None, now: dt.datetime | None = None) -> int:
    """Pending bookings whose slot has started without the unit deciding are rejected with a
    system reason: they stop holding capacity and the person hears back. Each is a conditional
    UPDATE (``WHERE status = 'pending'``), so an approval at the same moment wins or loses cleanly
    and a second run changes nothing. Returns how many expired."""
    now = now or timezone.now()
    reason = _("单位未在开始前审核，预约已自动失效")
    expired = 0
    candidates = list(
        Booking.objects.filter(status=BookingStatus.PENDING, start__lte=now)
        .select_related("resource")
        .order_by("start", "pk")[:1000]
    )
    for booking in candidates:
        fields = {"decided_at": now, "decided_by": None, "decision_note": reason}
        with transaction.atomic():
            if (
                counters.update(
                    Booking.objects.filter(pk=booking.pk, status=BookingStatus.PENDING),
                    status=BookingStatus.REJECTED,
                    **fields,
                )
                != 1
            ):
                continue
            record(
                actor=by,
                action="booking.expire",
                obj=booking,
                before={"status": BookingStatus.PENDING},
                after={"status": BookingStatus.REJECTED, **fields},
            )
            notify(
                kind="booking.expired",
                to=[recipients.person(booking.person_id)],
                title=_("预约已自动失效：%(r)s") % {"r": booking.resource},
                body=reason,
                url=reverse("resources:my_booking", args=[booking.pk]),
            )
        expired += 1
    return expired
