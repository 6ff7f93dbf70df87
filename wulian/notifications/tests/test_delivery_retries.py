"""Deliveries are logged per message and channel: a retryable GatewayError tries again later
(1, 2, 4 … × the base delay) up to the attempt limit, a permanent one fails at once with its
reason; a delivery already sent is never sent again; a rolled-back change delivers nothing."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from wulian.core.crypto import encrypt_field
from wulian.core.gateways import reset_backends
from wulian.core.tests.fake_http import Answer, FakeServer
from wulian.notifications import delivery, recipients
from wulian.notifications.models import Channel, Delivery, DeliveryStatus, Notification
from wulian.notifications.services import notify

OK = Answer(body={"Code": "OK", "BizId": "biz-1"})
BUSY = Answer(body={"Code": "Throttling.User", "Message": "busy"})
BAD_NUMBER = Answer(body={"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "illegal number"})


@pytest.fixture
def sms_service(settings):
    settings.WULIAN_DELIVERY_ATTEMPTS = 3
    settings.WULIAN_DELIVERY_RETRY_SECONDS = 60
    with FakeServer(default=OK) as server:
        settings.WULIAN_SMS_BACKEND = "wulian.core.gateways.sms.HttpSmsBackend"
        settings.WULIAN_SMS_BACKEND_OPTIONS = {
            "url": server.url + "/sms",
            "access_key_id": "k",
            "access_key_secret": "s",
            "sign_name": "五联",
            "templates": "notification=SMS_9",
            "timeout": 0.5,
        }
        reset_backends()
        yield server
    reset_backends()


def _escalation_to(world, django_capture_on_commit_callbacks) -> Delivery:
    """An urgent notification to 西华门社区's admin, who has a mobile number: one SMS delivery."""
    user = world.users["xihuamen_admin"]
    user.phone_encrypted = encrypt_field("13900002222")
    user.save(update_fields=["phone_encrypted"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind="action_item.escalated",
            to=[recipients.officials_of(world.orgs["xihuamen"].pk)],
            title="督办事项逾期升级：楼道照明",
            body="升级至街道。",
        )
    note = Notification.objects.get(user=user, title="督办事项逾期升级：楼道照明")
    return Delivery.objects.get(notification=note, channel=Channel.SMS)


def test_a_retryable_error_tries_again_with_backoff_then_sends(
    world, sms_service, django_capture_on_commit_callbacks
):
    sms_service.answer(BUSY, Answer(hang=True))
    sent = _escalation_to(world, django_capture_on_commit_callbacks)
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.reason) == (
        DeliveryStatus.QUEUED,
        1,
        "Throttling.User: SMS refused: Throttling.User: busy",
    )
    first_retry = sent.next_attempt_at
    assert (
        delivery.attempt_delivery(sent.pk, now=first_retry - dt.timedelta(seconds=1)) == first_retry
    )  # not yet
    assert delivery.attempt_delivery(sent.pk, now=first_retry) == first_retry + dt.timedelta(
        seconds=120
    )  # time-out
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.reason[:8]) == (DeliveryStatus.QUEUED, 2, "timeout:")
    assert delivery.attempt_delivery(sent.pk, now=sent.next_attempt_at) is None
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.provider_id, sent.reason) == (
        DeliveryStatus.SENT,
        3,
        "biz-1",
        "",
    )
    requests = len(sms_service.received)
    assert (
        delivery.attempt_delivery(sent.pk, now=timezone.now() + dt.timedelta(days=1)) is None
    )  # never twice
    assert len(sms_service.received) == requests == 3


def test_retries_end_at_the_attempt_limit(world, sms_service, django_capture_on_commit_callbacks):
    sms_service.answer(BUSY, BUSY, BUSY)
    failed = _escalation_to(world, django_capture_on_commit_callbacks)
    failed.refresh_from_db()
    assert delivery.attempt_delivery(failed.pk, now=failed.next_attempt_at) is not None
    failed.refresh_from_db()
    assert delivery.attempt_delivery(failed.pk, now=failed.next_attempt_at) is None
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.next_attempt_at) == (
        DeliveryStatus.FAILED,
        3,
        None,
    )
    assert failed.reason == "Throttling.User: SMS refused: Throttling.User: busy"


def test_a_permanent_error_fails_at_once(world, sms_service, django_capture_on_commit_callbacks):
    sms_service.answer(BAD_NUMBER)
    failed = _escalation_to(world, django_capture_on_commit_callbacks)
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.next_attempt_at) == (
        DeliveryStatus.FAILED,
        1,
        None,
    )
    assert (
        failed.reason
        == "isv.MOBILE_NUMBER_ILLEGAL: SMS refused: isv.MOBILE_NUMBER_ILLEGAL: illegal number"
    )
    assert delivery.attempt_delivery(failed.pk, now=timezone.now() + dt.timedelta(hours=1)) is None
    assert len(sms_service.received) == 1


def _notify_then_fail(**notification):
    """A change that notifies, then fails: its transaction rolls back."""
    with transaction.atomic():
        notify(**notification)
        raise RuntimeError


@pytest.mark.django_db(transaction=True)
def test_nothing_is_delivered_when_the_change_rolls_back(world, sms_service):
    user = world.users["xihuamen_admin"]
    user.phone_encrypted = encrypt_field("13900002222")
    user.save(update_fields=["phone_encrypted"])
    with pytest.raises(RuntimeError):
        _notify_then_fail(
            kind="action_item.escalated",
            to=[recipients.officials_of(world.orgs["xihuamen"].pk)],
            title="不会发出",
        )
    assert Delivery.objects.filter(user=user).count() == 0
    assert sms_service.received == []
