"""The daily digest: planned as one task per batch of users (never one per user), one digest per
user and day (a DB constraint: a second run sends nothing more), gathering only the kinds whose
digest the user keeps on."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from wulian.accounts.models import User
from wulian.notifications import delivery
from wulian.notifications.models import Channel, Delivery, Digest, Notification
from wulian.notifications.services import set_delivery_settings, set_preferences


def test_planning_enqueues_one_task_per_batch_of_users(world):
    today = timezone.localdate()
    users = User.objects.bulk_create(
        [User(username=f"digest-{i:04d}", email=f"d{i}@example.org") for i in range(1201)]
    )
    Notification.objects.bulk_create(
        [Notification(user=u, kind="action_item.new", title="新的督办事项") for u in users]
    )
    batches: list[list[int]] = []
    assert delivery.plan_digest(
        today, batch=500, enqueue=lambda day, ids, run: batches.append(ids)
    ) == len(batches)
    told = set(
        Notification.objects.filter(created_at__gte=delivery.day_bounds(today)[0]).values_list(
            "user_id", flat=True
        )
    )
    assert [len(b) for b in batches[:-1]] == [500] * (len(batches) - 1)
    assert 0 < len(batches[-1]) <= 500
    assert sorted(uid for b in batches for uid in b) == sorted(told)
    assert {u.pk for u in users} <= told


def test_a_digest_is_made_and_sent_once_per_user_and_day(world, mailoutbox):
    today = timezone.localdate()
    user = User.objects.create(username="digest-once", email="once@example.org")
    Notification.objects.bulk_create(
        [
            Notification(user=user, kind="action_item.new", title="新的督办事项：一"),
            Notification(user=user, kind="case.new", title="新的案件：二"),
            Notification(
                user=user, kind="action_item.escalated", title="逾期升级：三"
            ),  # urgent: not in the digest
        ]
    )
    set_preferences(user=user, by=user, choices={("case.new", Channel.DIGEST): False})
    set_delivery_settings(user=user, by=user, quiet_enabled=False)  # whatever the hour of the run
    assert delivery.send_digest_batch(today, [user.pk], "run-1") == 1
    assert delivery.send_digest_batch(today, [user.pk], "run-2") == 0
    digest = Digest.objects.get(user=user)
    assert (digest.day, digest.count, digest.run) == (today, 1, "run-1")
    assert digest.body.endswith(" 新的督办事项：一")
    assert list(
        Delivery.objects.filter(digest=digest).values_list("channel", "status", "attempts")
    ) == [(Channel.EMAIL, "sent", 1)]
    assert [m.subject for m in mailoutbox] == [digest.title]
    with pytest.raises(IntegrityError), transaction.atomic():
        Digest.objects.create(user=user, day=today, count=0, title="重复", body="", run="run-3")


def test_a_user_with_nothing_for_the_digest_gets_none(world):
    today = timezone.localdate()
    user = User.objects.create(username="digest-none", email="none@example.org")
    Notification.objects.create(user=user, kind="action_item.escalated", title="逾期升级")
    assert delivery.send_digest_batch(today, [user.pk], "run-1") == 0
    assert Digest.objects.filter(user=user).count() == 0
