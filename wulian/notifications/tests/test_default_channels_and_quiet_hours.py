"""Without choices, urgent kinds go by SMS (when there is a number) and the rest wait for the
digest; e-mail only with an address, WeChat only when bound. Non-urgent outside deliveries that
fall in the user's quiet hours (default 22:00–07:00 Asia/Shanghai) wait until they end; urgent
ones go at once."""

import datetime as dt

import time_machine

from wulian.core.crypto import encrypt_field
from wulian.notifications import delivery, recipients
from wulian.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from wulian.notifications.services import (
    bind_wechat,
    notify,
    set_delivery_settings,
    set_preferences,
)

SH = delivery.SHANGHAI


def _send(world, kind: str, title: str, capture) -> list[tuple[str, str]]:
    with capture(execute=True):
        notify(kind=kind, to=[recipients.officials_of(world.orgs["xihuamen"].pk)], title=title)
    note = Notification.objects.get(user=world.users["xihuamen_admin"], title=title)
    return sorted(Delivery.objects.filter(notification=note).values_list("channel", "status"))


def test_defaults_follow_urgency_and_reach(world, django_capture_on_commit_callbacks):
    user = world.users["xihuamen_admin"]
    user.email, user.phone_encrypted = "", ""
    user.save(update_fields=["email", "phone_encrypted"])
    assert _send(world, "action_item.escalated", "无号码", django_capture_on_commit_callbacks) == []
    user.phone_encrypted = encrypt_field("13900003333")
    user.save(update_fields=["phone_encrypted"])
    assert _send(world, "action_item.escalated", "有号码", django_capture_on_commit_callbacks) == [
        (Channel.SMS, DeliveryStatus.SENT)
    ]
    assert (
        _send(world, "action_item.new", "非紧急", django_capture_on_commit_callbacks) == []
    )  # the digest's

    user.email = "admin@xihuamen.example"
    user.save(update_fields=["email"])
    bind_wechat(user=user, by=user, openid="oXihuamenAdmin01")
    set_delivery_settings(user=user, by=user, quiet_enabled=False)
    set_preferences(
        user=user,
        by=user,
        choices={
            ("action_item.new", Channel.EMAIL): True,
            ("action_item.new", Channel.WECHAT): True,
        },
    )
    assert _send(world, "action_item.new", "都选了", django_capture_on_commit_callbacks) == [
        (Channel.EMAIL, DeliveryStatus.SENT),
        (Channel.WECHAT, DeliveryStatus.SENT),
    ]
    bind_wechat(user=user, by=user, openid="")  # unbound: no more WeChat, and the choice is off
    assert _send(world, "action_item.new", "解绑后", django_capture_on_commit_callbacks) == [
        (Channel.EMAIL, DeliveryStatus.SENT)
    ]


def test_quiet_hours_hold_non_urgent_deliveries_until_they_end(
    world, django_capture_on_commit_callbacks
):
    user = world.users["xihuamen_admin"]
    user.email, user.phone_encrypted = "admin@xihuamen.example", encrypt_field("13900003333")
    user.save(update_fields=["email", "phone_encrypted"])
    set_preferences(user=user, by=user, choices={("action_item.new", Channel.EMAIL): True})
    with (
        time_machine.travel(dt.datetime(2026, 12, 8, 23, 10, tzinfo=SH), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(
            kind="action_item.new",
            to=[recipients.officials_of(world.orgs["xihuamen"].pk)],
            title="夜里的案件",
        )
        notify(
            kind="action_item.escalated",
            to=[recipients.officials_of(world.orgs["xihuamen"].pk)],
            title="夜里的升级",
        )
    held = Delivery.objects.get(notification__title="夜里的案件", user=user)
    urgent = Delivery.objects.get(notification__title="夜里的升级", user=user)
    assert (held.channel, held.status, held.attempts) == (Channel.EMAIL, DeliveryStatus.QUEUED, 0)
    assert held.not_before == dt.datetime(2026, 12, 9, 7, 0, tzinfo=SH)
    assert (urgent.channel, urgent.status, urgent.not_before) == (
        Channel.SMS,
        DeliveryStatus.SENT,
        None,
    )
    assert (
        delivery.attempt_delivery(held.pk, now=dt.datetime(2026, 12, 9, 6, 59, tzinfo=SH))
        == held.not_before
    )
    assert delivery.attempt_delivery(held.pk, now=dt.datetime(2026, 12, 9, 7, 0, tzinfo=SH)) is None
    held.refresh_from_db()
    assert (held.status, held.attempts) == (DeliveryStatus.SENT, 1)


def test_quiet_hours_are_the_users_own():
    own = (dt.time(12, 0), dt.time(14, 0))
    at = lambda h, m=0: dt.datetime(2026, 12, 8, h, m, tzinfo=SH)  # noqa: E731
    assert delivery.quiet_until(at(13), own) == at(14)
    assert delivery.quiet_until(at(14), own) is None
    night = (dt.time(22, 0), dt.time(7, 0))
    assert delivery.quiet_until(at(21, 59), night) is None
    assert delivery.quiet_until(at(22), night) == at(7) + dt.timedelta(days=1)
    assert delivery.quiet_until(at(3), night) == at(7)
    assert delivery.quiet_until(at(3), None) is None
