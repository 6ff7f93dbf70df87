"""Issue 10, part 3, done when: an overdue action item reaches its owner (华西医院's contact, the
lead unit) by SMS (the file outbox) and by e-mail (a local SMTP sink on 127.0.0.1) once, even when
the hourly escalation job runs again, and appears once in that day's digest, even when the digest
is planned twice."""

import datetime as dt

from django.utils import timezone

from wulian.core import counters
from wulian.core.crypto import encrypt_field
from wulian.core.gateways.sms import FileSmsBackend
from wulian.core.tests.smtp_sink import SmtpSink, use_sink
from wulian.meetings import services as meetings
from wulian.meetings.models import ActionItem
from wulian.notifications import delivery
from wulian.notifications.models import Channel, Delivery, DeliveryStatus, Digest, Notification
from wulian.notifications.services import set_delivery_settings, set_preferences

TITLE = "督办事项逾期升级：公布错峰停车时段"


def _item(world):
    """A 黉门街 meeting closed with one action item that 华西医院 leads (the recipient matrix's)."""
    from wulian.notifications.tests.test_recipient_matrix import W, _action_item

    w = W(
        orgs=world.orgs,
        areas=world.areas,
        people=world.people,
        users=world.users,
        today=timezone.localdate(),
    )
    return _action_item(w)


def _owner_with_email_and_digest(world):
    """华西医院's contact, with a phone and an e-mail address, who asked for e-mail and the digest."""
    owner = world.users["huaxi_contact"]
    owner.email, owner.phone_encrypted = "liuming@huaxi.example", encrypt_field("13900001111")
    owner.save(update_fields=["email", "phone_encrypted"])
    set_preferences(
        user=owner,
        by=owner,
        choices={
            ("action_item.escalated", Channel.EMAIL): True,
            ("action_item.escalated", Channel.DIGEST): True,
        },
    )
    set_delivery_settings(user=owner, by=owner, quiet_enabled=False)
    return owner


def _escalate_twice(world, capture):
    """An action item overdue by one day past the grace period, escalated by two hourly runs."""
    with capture(execute=True):
        item = _item(world)
    grace = meetings.grace_days()
    counters.update(
        ActionItem.objects.filter(pk=item.pk),
        due_on=timezone.localdate() - dt.timedelta(days=grace + 1),
    )
    with capture(execute=True):
        assert meetings.escalate_overdue(by=None) == [item.pk]
    with capture(execute=True):
        assert meetings.escalate_overdue(by=None) == []  # the next hourly run: nothing new
    return grace


def _assert_sent_once_by_sms_and_email(owner, sms, sink, grace):
    escalated = Notification.objects.get(user=owner, kind="action_item.escalated")
    assert escalated.title == TITLE
    assert [m["text"] for m in sms.read() if m["to"] == "13900001111"] == [
        f"【五联】{TITLE}。详情请登录五联平台查看。"
    ]
    mine = [m for m in sink.received if m.rcpt_tos == ["liuming@huaxi.example"]]
    assert [m.subject for m in mine] == [TITLE]
    assert mine[0].text.startswith(f"{TITLE}\n\n逾期{grace + 1}天未办结")
    assert sorted(
        Delivery.objects.filter(notification=escalated).values_list("channel", "status", "attempts")
    ) == [(Channel.EMAIL, DeliveryStatus.SENT, 1), (Channel.SMS, DeliveryStatus.SENT, 1)]
    return escalated


def _assert_in_one_digest_sent_once(owner, escalated, sink):
    today = timezone.localdate()
    assert delivery.plan_digest(today) >= 1
    assert delivery.plan_digest(today) >= 1  # planned twice: the digest is still made and sent once
    digest = Digest.objects.get(user=owner, day=today)
    assert digest.body.count(TITLE) == 1
    assert escalated.pk in digest.notification_ids
    assert Digest.objects.filter(user=owner).count() == 1
    assert list(Delivery.objects.filter(digest=digest).values_list("channel", "status")) == [
        (Channel.EMAIL, DeliveryStatus.SENT)
    ]
    digests = [
        m for m in sink.received if m.rcpt_tos == ["liuming@huaxi.example"] and m.subject != TITLE
    ]
    assert [m.subject for m in digests] == [digest.title]
    assert digests[0].text.count(TITLE) == 1


def test_an_overdue_action_item_reaches_its_owner_by_sms_and_email_once_and_the_digest_once(
    world, settings, django_capture_on_commit_callbacks
):
    owner = _owner_with_email_and_digest(world)
    sms = FileSmsBackend(directory=settings.WULIAN_SMS_BACKEND_OPTIONS["directory"])

    with SmtpSink() as sink:
        use_sink(settings, sink.port)
        grace = _escalate_twice(world, django_capture_on_commit_callbacks)
        escalated = _assert_sent_once_by_sms_and_email(owner, sms, sink, grace)
        _assert_in_one_digest_sent_once(owner, escalated, sink)
    # Still one SMS: the digest goes by e-mail when there is an address.
    assert len([m for m in sms.read() if m["to"] == "13900001111"]) == 1
