"""Opening and closing a resource for booking, each kept as a version in the history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record
from wulian.core import counters
from wulian.resources.models import ChangeKind, Resource, ResourceChange
from wulian.resources.rules import can_update, require_can
from wulian.resources.services.publishing import _snapshot


def _set_open(*, resource: Resource, by: User | None, open_: bool, reason: str) -> Resource:
    require(by, "resource.update")
    require_can(can_update(by, resource), "resource.update")
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
            after={"is_open": open_, "at": now, "reason": reason},
        )
    return locked


def open_resource(*, resource: Resource, by: User | None, reason: str = "") -> Resource:
    """Open (again) for booking: "opened since" is now."""
    return _set_open(resource=resource, by=by, open_=True, reason=reason)


def close_resource(*, resource: Resource, by: User | None, reason: str = "") -> Resource:
    """Close for new bookings: "closed since" is now. Existing bookings stay as they are."""
    return _set_open(resource=resource, by=by, open_=False, reason=reason)
