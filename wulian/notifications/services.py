"""Notifications are written when the change that causes them commits, never before, and only to
the recipients their kind declares (``notifications.kinds``)."""

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from wulian.notifications.kinds import kind_of
from wulian.notifications.models import Notification
from wulian.notifications.recipients import Recipients


def notify(*, kind: str, to: Iterable[Recipients], title: str, body: str = "", url: str = "") -> None:
    """Queue one notification per recipient (deduplicated), written on commit of the current
    transaction. Every audience in ``to`` must be one the kind declares."""
    declared = kind_of(kind)
    ids: set[int] = set()
    for recipients in to:
        if recipients.audience not in declared.to:
            raise ImproperlyConfigured(
                f"notification kind {kind!r} declares {[str(a) for a in declared.to]}, "
                f"not {str(recipients.audience)!r}"
            )
        ids |= recipients.user_ids
    if not ids:
        return
    ordered = sorted(ids)

    def _write():
        Notification.objects.bulk_create([
            Notification(user_id=uid, kind=kind, title=title[:200], body=body, url=url[:300]) for uid in ordered
        ])

    transaction.on_commit(_write)


def mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(user=user).unread()
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
