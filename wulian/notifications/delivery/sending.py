"""Planning the outside deliveries of notifications and each attempt at sending one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.core.crypto import decrypt_field
from wulian.core.gateways import GatewayError
from wulian.core.gateways.email import send_email
from wulian.core.gateways.sms import OutgoingMessage, send_sms
from wulian.core.gateways.wechat import send_template
from wulian.notifications.delivery.reach import SHANGHAI, enabled_channels, quiet_until, reach_of
from wulian.notifications.kinds import kind_of
from wulian.notifications.models import (
    EXTERNAL_CHANNELS,
    Channel,
    Delivery,
    DeliverySettings,
    DeliveryStatus,
    Notification,
)

logger = logging.getLogger("wulian.notifications")


def _enqueue(delivery: Delivery) -> None:
    from wulian.notifications import tasks

    if delivery.not_before and delivery.not_before > timezone.now():
        tasks.deliver.schedule((delivery.pk,), eta=delivery.not_before)
    else:
        tasks.deliver(delivery.pk)


def plan_deliveries(
    notes: list[Notification],
    kind: str,
    *,
    now: dt.datetime | None = None,
    enqueue: Callable[[Delivery], None] = _enqueue,
) -> list[Delivery]:
    """The outside deliveries of freshly written notifications (one per notification and
    channel the user chose and can be reached on), logged as queued and enqueued."""
    if not notes:
        return []
    now = now or timezone.now()
    urgent = kind_of(kind).urgent
    by_user = {n.user_id: n for n in notes}
    chosen = enabled_channels(by_user, kind)
    reach = reach_of(by_user)
    rows = []
    for uid, note in by_user.items():
        r = reach.get(uid)
        if r is None:
            continue
        wait = None if urgent else quiet_until(now, r.quiet)
        rows += [
            Delivery(user_id=uid, notification=note, channel=channel, not_before=wait)
            for channel in EXTERNAL_CHANNELS
            if channel in chosen[uid] and r.can(channel)
        ]
    Delivery.objects.bulk_create(rows)
    for row in rows:
        enqueue(row)
    return rows


def _phone(user: User) -> str:
    token = user.phone_encrypted or (user.person.phone_encrypted if user.person_id else "")
    return decrypt_field(token) if token else ""


def _openid(user: User) -> str:
    found = (
        DeliverySettings.objects.filter(user=user).values_list("wechat_openid", flat=True).first()
    )
    return found or ""


def _link(url: str) -> str:
    base = getattr(settings, "WULIAN_SITE_URL", "").rstrip("/")
    return f"{base}{url}" if url.startswith("/") and base else url


def _content(delivery: Delivery) -> tuple[str, str, str, str]:
    """(template, title, body, url) of the message the delivery carries."""
    if delivery.notification_id:
        note = delivery.notification
        return "notification", note.title, note.body, _link(note.url)
    digest = delivery.digest
    return "digest", digest.title, digest.body, _link("/notifications/")


def _send(delivery: Delivery) -> str:
    template, title, body, url = _content(delivery)
    user = delivery.user
    when = timezone.localtime(delivery.created_at, SHANGHAI).strftime("%Y-%m-%d %H:%M")
    if delivery.channel == Channel.SMS:
        number = _phone(user)
        if not number:
            raise GatewayError("the user has no mobile number", retryable=False, code="no_phone")
        text = _("【五联】%(t)s。详情请登录五联平台查看。") % {"t": title}
        if template == "digest":
            text = _("【五联】%(t)s：%(b)s") % {"t": title, "b": body.replace("\n", "；")[:300]}
        return send_sms(
            OutgoingMessage(to=number, template=template, params={"title": title[:20]}, text=text)
        )
    if delivery.channel == Channel.EMAIL:
        if not user.email:
            raise GatewayError("the user has no e-mail address", retryable=False, code="no_email")
        text = "\n\n".join(part for part in [title, body, url] if part)
        return send_email(
            OutgoingMessage(to=user.email, template=template, params={"subject": title}, text=text)
        )
    if delivery.channel == Channel.WECHAT:
        openid = _openid(user)
        if not openid:
            raise GatewayError("the user has no WeChat binding", retryable=False, code="no_wechat")
        return send_template(
            OutgoingMessage(
                to=openid,
                template=template,
                text=title,
                params={"title": title, "body": body[:200], "time": when, "url": url},
            )
        )
    raise GatewayError(
        f"no sender for channel {delivery.channel!r}", retryable=False, code="channel"
    )


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4 … × the base."""
    return dt.timedelta(seconds=settings.WULIAN_DELIVERY_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def attempt_delivery(delivery_id: int, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """One attempt at one delivery; returns when to try again (quiet hours, a retry) or None
    when there is nothing more to do (sent, failed, already taken by another run)."""
    now = now or timezone.now()
    delivery = (
        Delivery.objects.select_related("user__person", "notification", "digest")
        .filter(pk=delivery_id, status=DeliveryStatus.QUEUED)
        .first()
    )
    if delivery is None:
        return None
    due = max([t for t in (delivery.not_before, delivery.next_attempt_at) if t], default=None)
    if due and due > now:
        return due
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=DeliveryStatus.QUEUED, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1, updated_at=now)
    if not claimed:
        return None
    attempts = delivery.attempts + 1
    log = Delivery.objects.filter(pk=delivery.pk)
    try:
        provider_id = _send(delivery)
    except GatewayError as exc:
        reason = f"{exc.code}: {exc}" if exc.code else str(exc)
        if exc.retryable and attempts < settings.WULIAN_DELIVERY_ATTEMPTS:
            again = now + retry_delay(attempts)
            log.update(reason=reason[:300], next_attempt_at=again, updated_at=now)
            logger.info(
                "delivery %s (%s) attempt %s failed, again at %s: %s",
                delivery.pk,
                delivery.channel,
                attempts,
                again.isoformat(),
                reason,
            )
            return again
        log.update(
            status=DeliveryStatus.FAILED, reason=reason[:300], next_attempt_at=None, updated_at=now
        )
        logger.warning(
            "delivery %s (%s) failed after %s attempt(s): %s",
            delivery.pk,
            delivery.channel,
            attempts,
            reason,
        )
        return None
    except (
        Exception
    ) as exc:  # a defect, not the service: fail the row (the sweep must not loop on it)
        logger.exception("delivery %s (%s) broke", delivery.pk, delivery.channel)
        log.update(
            status=DeliveryStatus.FAILED,
            reason=f"error: {type(exc).__name__}"[:300],
            next_attempt_at=None,
            updated_at=now,
        )
        return None
    log.update(
        status=DeliveryStatus.SENT,
        sent_at=now,
        provider_id=str(provider_id)[:100],
        reason="",
        next_attempt_at=None,
        updated_at=now,
    )
    return None


def due_deliveries(
    now: dt.datetime, *, stale: dt.timedelta = dt.timedelta(minutes=15)
) -> list[int]:
    """Queued deliveries whose time has come at least ``stale`` ago (their task was lost: a
    restart of the queue): the sweep runs them again."""
    cutoff = now - stale
    qs = Delivery.objects.filter(status=DeliveryStatus.QUEUED, updated_at__lt=cutoff)
    qs = qs.exclude(not_before__gt=cutoff).exclude(next_attempt_at__gt=cutoff)
    return list(qs.values_list("pk", flat=True)[:5000])
