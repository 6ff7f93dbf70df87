"""Notifications are written when the change that causes them commits, never before."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from wulian.notifications.models import Notification


def notify(*, users: Iterable, kind: str, title: str, body: str = "", url: str = "") -> None:
    """Queue one notification per user (deduplicated), written on commit of the current
    transaction. ``users`` may hold User objects or ids."""
    ids = sorted({getattr(u, "pk", u) for u in users if u is not None})
    if not ids:
        return

    def _write():
        Notification.objects.bulk_create([
            Notification(user_id=uid, kind=kind, title=title[:200], body=body, url=url[:300]) for uid in ids
        ])

    transaction.on_commit(_write)


def users_of_org(org_id: int, kinds: Iterable[str] | None = None) -> list[int]:
    """Ids of the users holding a role at an org (optionally only some role kinds)."""
    from wulian.accounts.models import Role

    qs = Role.objects.filter(org_id=org_id)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return list(qs.values_list("user_id", flat=True).distinct())


def users_of_person(person_id: int) -> list[int]:
    from wulian.accounts.models import User

    return list(User.objects.filter(person_id=person_id).values_list("pk", flat=True))


def mark_read(*, user, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(user=user).unread()
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
