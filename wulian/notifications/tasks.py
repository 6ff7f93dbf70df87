"""Delivery jobs: one task per outside delivery (retried with backoff by rescheduling itself),
the daily digest planned in batches of users, and a sweep for deliveries whose task was lost."""

import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from wulian.core import channels
from wulian.notifications import delivery


@db_task()
def deliver(delivery_id: int) -> None:
    """Try one delivery; when it must wait (quiet hours, a retry's backoff) schedule it again."""
    with channels.using(channels.JOB):
        again = delivery.attempt_delivery(delivery_id)
    if again is not None:
        deliver.schedule((delivery_id,), eta=again)


@db_task()
def digest_batch(day: str, user_ids: list[int], run: str) -> int:
    with channels.using(channels.JOB):
        return delivery.send_digest_batch(dt.date.fromisoformat(day), user_ids, run)


# 07:30 Asia/Shanghai (23:30 UTC): yesterday's digest, after the default quiet hours.
@db_periodic_task(crontab(minute="30", hour="23"))
def plan_daily_digest() -> int:
    yesterday = timezone.localtime(timezone.now(), delivery.SHANGHAI).date() - dt.timedelta(days=1)
    with channels.using(channels.JOB):
        return delivery.plan_digest(yesterday)


@db_periodic_task(crontab(minute="*/15"))
def sweep_deliveries() -> int:
    """Queued deliveries whose time came and went (a restarted queue lost their task)."""
    ids = delivery.due_deliveries(timezone.now())
    for pk in ids:
        deliver(pk)
    return len(ids)
