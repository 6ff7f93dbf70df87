"""Opening and closing a resource for booking, each kept as a version in the history; closing\ncancels the bookings that have not started."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
from wulian.resources.models import Booking, BookingStatus, ChangeKind, Resource, ResourceChange
from wulian.resources.rules import can_update, require_can
from wulian.resources.services.publishing import _snapshot


def _cancel_future_bookings(
    resource: Resource, *, by: User | None, reason: str, now: dt.datetime
) -> list[int]:
    """Inside the closing transaction: cancel the bookings that have not started (pending or
    booked) with the closing reason, each audited as a cancellation, and tell each booker once
    the closing commits. Returns their ids."""
    future = list(
        Booking.objects.filter(
            resource=resource,
            status__in=[BookingStatus.PENDING, BookingStatus.APPROVED],
            start__gt=now,
        ).order_by("start", "pk")
    )
    fields = {"cancelled_at": now, "decision_note": reason[:200]}
    cancelled = []
    for booking in future:
        changed = counters.update(
            Booking.objects.filter(pk=booking.pk, status=booking.status),
            status=BookingStatus.CANCELLED,
            **fields,
        )
        if changed != 1:
            continue  # its booker cancelled it (or it was decided) meanwhile: not ours to tell
        cancelled.append(booking.pk)
        record(
            actor=by,
            action="booking.cancel",
            obj=booking,
            before={"status": booking.status},
            after={"status": BookingStatus.CANCELLED, **fields},
        )
        notify(
            kind="booking.cancelled",
            to=[recipients.person(booking.person_id)],
            title=_("资源已关闭，预约已取消：%(r)s") % {"r": resource},
            body=reason,
            url=reverse("resources:my_booking", args=[booking.pk]),
        )
    return cancelled


@dataclass(frozen=True)
class Closing:
    """A closed resource and the ids of the bookings its closing cancelled."""

    resource: Resource
    cancelled: list[int]


def _set_open(*, resource: Resource, by: User | None, open_: bool, reason: str) -> Closing:
    require(by, "resource.update")
    require_can(can_update(by, resource), "resource.update")
    reason = (reason or "").strip()
    if not open_ and not reason:
        raise ValidationError(
            {"reason": _("请填写关闭原因：未开始的预约将被取消，预约人会收到通知。")}
        )
    with transaction.atomic():
        locked = (
            Resource.objects.select_for_update(of=("self",))
            .select_related("org", "area")
            .get(pk=resource.pk)
        )
        if locked.is_open == open_:
            raise ValidationError(
                {"is_open": _("该资源已经是开放状态。") if open_ else _("该资源已经是关闭状态。")}
            )
        now = timezone.now()
        before = {
            "is_open": locked.is_open,
            "opened_since": locked.opened_since,
            "closed_since": locked.closed_since,
        }
        locked.is_open = open_
        if open_:
            locked.opened_since, locked.closed_since = now, None
        else:
            locked.closed_since = now
        locked.version += 1
        with counters.tracking(locked):
            locked.save(
                update_fields=["is_open", "opened_since", "closed_since", "version", "updated_at"]
            )
        cancelled = [] if open_ else _cancel_future_bookings(locked, by=by, reason=reason, now=now)
        kind = ChangeKind.OPENED if open_ else ChangeKind.CLOSED
        summary = (_("开放") if open_ else _("关闭")) + (
            f"：{reason.strip()}" if reason and reason.strip() else ""
        )
        ResourceChange.objects.create(
            resource=locked,
            version=locked.version,
            kind=kind,
            at=now,
            by=by,
            summary=summary[:300],
            data=_snapshot(locked),
        )
        record(
            actor=by,
            action="resource.open" if open_ else "resource.close",
            obj=locked,
            before=before,
            after={"is_open": open_, "at": now, "reason": reason, "cancelled_bookings": cancelled},
        )
    return Closing(resource=locked, cancelled=cancelled)


def open_resource(*, resource: Resource, by: User | None, reason: str = "") -> Resource:
    """Open (again) for booking: "opened since" is now."""
    return _set_open(resource=resource, by=by, open_=True, reason=reason).resource


def close_resource(*, resource: Resource, by: User | None, reason: str = "") -> Closing:
    """Close for new bookings: "closed since" is now. A reason is required: the bookings that
    have not started (pending or booked) are cancelled with it and their bookers told. Returns
    the closed resource with the ids of those bookings."""
    return _set_open(resource=resource, by=by, open_=False, reason=reason)
