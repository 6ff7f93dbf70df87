"""The daily digest: planned in batches of users, built once per user and day, sent."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.core.gateways.email import one_connection
from wulian.notifications.delivery.reach import (
    SHANGHAI,
    Reach,
    default_enabled,
    quiet_until,
    reach_of,
)
from wulian.notifications.delivery.sending import _enqueue, attempt_delivery
from wulian.notifications.models import (
    Channel,
    Delivery,
    Digest,
    Notification,
    Preference,
)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=SHANGHAI)
    return start, start + dt.timedelta(days=1)


def plan_digest(
    day: dt.date,
    *,
    batch: int | None = None,
    enqueue: Callable[[dt.date, list[int], str], None] | None = None,
) -> int:
    """Enqueue one digest task per ``batch`` users who received notifications on ``day``
    (Asia/Shanghai); returns the number of tasks enqueued."""
    if enqueue is None:
        from wulian.notifications import tasks

        def enqueue(d: dt.date, ids: list[int], run: str) -> None:
            tasks.digest_batch(d.isoformat(), ids, run)

    size = batch or settings.WULIAN_DIGEST_BATCH
    start, end = day_bounds(day)
    ids = (
        Notification.objects.filter(created_at__gte=start, created_at__lt=end, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    run = uuid.uuid4().hex
    tasks_enqueued, chunk = 0, []
    for uid in ids.iterator(chunk_size=10000):
        chunk.append(uid)
        if len(chunk) == size:
            enqueue(day, chunk, run)
            tasks_enqueued, chunk = tasks_enqueued + 1, []
    if chunk:
        enqueue(day, chunk, run)
        tasks_enqueued += 1
    return tasks_enqueued


def _digest_channel(r: Reach) -> str | None:
    for channel, ok in ((Channel.EMAIL, r.email), (Channel.WECHAT, r.wechat), (Channel.SMS, r.sms)):
        if ok:
            return channel
    return None


def build_digests(
    day: dt.date, user_ids: list[int], run: str, *, now: dt.datetime | None = None
) -> list[Delivery]:
    """Write the digests of these users for ``day`` (none for a user who has one already) and
    their queued deliveries; returns the deliveries."""
    now = now or timezone.now()
    start, end = day_bounds(day)
    notes = (
        Notification.objects.filter(user_id__in=user_ids, created_at__gte=start, created_at__lt=end)
        .order_by("user_id", "created_at", "id")
        .values_list("pk", "user_id", "kind", "title", "created_at")
    )
    overrides = {
        (u, k): e
        for u, k, e in Preference.objects.filter(
            user_id__in=user_ids, channel=Channel.DIGEST
        ).values_list("user_id", "kind", "enabled")
    }
    have = set(
        Digest.objects.filter(day=day, user_id__in=user_ids).values_list("user_id", flat=True)
    )
    items: dict[int, list[tuple[int, str, dt.datetime]]] = defaultdict(list)
    for pk, uid, kind, title, at in notes:
        if uid in have:
            continue
        wanted = overrides.get((uid, kind))
        if wanted is None:
            wanted = default_enabled(kind, Channel.DIGEST)
        if wanted:
            items[uid].append((pk, title, at))
    rows = []
    for uid, mine in items.items():
        lines = [f"{timezone.localtime(at, SHANGHAI):%H:%M} {title}" for _pk, title, at in mine]
        rows.append(
            Digest(
                user_id=uid,
                day=day,
                count=len(mine),
                notification_ids=[pk for pk, _t, _a in mine],
                title=_("五联每日消息摘要 %(d)s（%(n)d条）")
                % {"d": day.isoformat(), "n": len(mine)},
                body="\n".join(lines),
                run=run,
            )
        )
    Digest.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    made = list(
        Digest.objects.filter(run=run, day=day, user_id__in=list(items)).values_list(
            "pk", "user_id"
        )
    )
    if not made:
        return []
    reach = reach_of(uid for _pk, uid in made)
    deliveries = []
    for pk, uid in made:
        r = reach.get(uid)
        channel = _digest_channel(r) if r else None
        if channel:
            deliveries.append(
                Delivery(
                    user_id=uid, digest_id=pk, channel=channel, not_before=quiet_until(now, r.quiet)
                )
            )
    try:
        with transaction.atomic():
            Delivery.objects.bulk_create(deliveries, batch_size=500)
    except IntegrityError:  # another run of this batch logged them first
        return []
    return deliveries


def send_digest_batch(
    day: dt.date,
    user_ids: list[int],
    run: str,
    *,
    now: dt.datetime | None = None,
    enqueue: Callable[[Delivery], None] = _enqueue,
) -> int:
    """Build the batch's digests and send those that are due now, here; the others (quiet
    hours) are scheduled. Returns the number of digests delivered or scheduled."""
    now = now or timezone.now()
    deliveries = build_digests(day, user_ids, run, now=now)
    with one_connection():
        for delivery in deliveries:
            if delivery.not_before and delivery.not_before > now:
                enqueue(delivery)
                continue
            again = attempt_delivery(delivery.pk, now=now)
            if again is not None:
                from wulian.notifications import tasks

                tasks.deliver.schedule((delivery.pk,), eta=again)
    return len(deliveries)
