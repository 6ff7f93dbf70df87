"""Notifications that reach people: preferences, quiet hours, the delivery log and the digest.

- **Which channels.** In-app always (the bell is the record). Each user chooses per kind SMS,
  e-mail, WeChat and the daily digest (``Preference``); without a choice, urgent kinds go by SMS,
  the rest into the daily digest. A channel is used only when the user can be reached there:
  e-mail with an address, SMS with a mobile number (the account's, else their person's), WeChat
  with a bound openid.
- **When.** On commit of the change, one ``Delivery`` row per notification and outside channel,
  then a Huey task each. A non-urgent delivery that falls in the user's quiet hours (default
  22:00–07:00 Asia/Shanghai) waits until they end (``not_before``, the task scheduled then).
- **Attempts.** ``attempt_delivery`` claims the row (a conditional UPDATE on its attempt count,
  so two runs never send twice), calls the gateway and logs the outcome: sent; a retryable
  ``GatewayError`` tries again after 1, 2, 4 … × ``WULIAN_DELIVERY_RETRY_SECONDS`` up to
  ``WULIAN_DELIVERY_ATTEMPTS`` attempts; a permanent one fails at once, with its reason.
- **Digest.** ``plan_digest(day)`` finds the users with items that day (one query) and enqueues
  one task per ``WULIAN_DIGEST_BATCH`` users. ``send_digest_batch`` gathers each user's items of
  kinds whose digest is on into one ``Digest`` (unique per user and day: a second run makes none)
  and sends it by e-mail, else WeChat, else SMS, in the task itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.core.crypto import decrypt_field
from wulian.core.gateways import GatewayError
from wulian.core.gateways.email import one_connection, send_email
from wulian.core.gateways.sms import OutgoingMessage, send_sms
from wulian.core.gateways.wechat import send_template
from wulian.notifications.kinds import KINDS, kind_of
from wulian.notifications.models import (
    CHOSEN_CHANNELS,
    EXTERNAL_CHANNELS,
    Channel,
    Delivery,
    DeliverySettings,
    DeliveryStatus,
    Digest,
    Notification,
    Preference,
)

logger = logging.getLogger("wulian.notifications")

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


# ------------------------------------------------------------------------------ preferences


def default_enabled(kind: str, channel: str) -> bool:
    """Urgent kinds by SMS; the rest in the daily digest; e-mail and WeChat only when chosen."""
    urgent = kind_of(kind).urgent if kind in KINDS else False
    if channel == Channel.SMS:
        return urgent
    if channel == Channel.DIGEST:
        return not urgent
    return False


@dataclass(frozen=True)
class Reach:
    """Where a user can be reached (not the numbers themselves: those are read when sending)."""

    email: bool
    sms: bool
    wechat: bool
    quiet: tuple[dt.time, dt.time] | None  # local quiet hours, or None

    def can(self, channel: str) -> bool:
        return {
            Channel.EMAIL: self.email,
            Channel.SMS: self.sms,
            Channel.WECHAT: self.wechat,
            Channel.DIGEST: True,
            Channel.IN_APP: True,
        }[Channel(channel)]


def _default_quiet() -> tuple[dt.time, dt.time]:
    start, end = settings.WULIAN_QUIET_HOURS
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


def reach_of(user_ids: Iterable[int]) -> dict[int, Reach]:
    """Reach of each user, one query for any number of users."""
    default_quiet = _default_quiet()
    rows = User.objects.filter(pk__in=list(user_ids)).values_list(
        "pk",
        "email",
        "phone_encrypted",
        "person__phone_encrypted",
        "delivery_settings__wechat_openid",
        "delivery_settings__quiet_enabled",
        "delivery_settings__quiet_from",
        "delivery_settings__quiet_until",
    )
    reach = {}
    for pk, email, phone, person_phone, openid, quiet_on, q_from, q_until in rows:
        if quiet_on is False:
            quiet = None
        else:
            quiet = (q_from or default_quiet[0], q_until or default_quiet[1])
        reach[pk] = Reach(
            email=bool(email), sms=bool(phone or person_phone), wechat=bool(openid), quiet=quiet
        )
    return reach


def enabled_channels(user_ids: Iterable[int], kind: str) -> dict[int, set[str]]:
    """The chosen channels (SMS, e-mail, WeChat, digest) each user wants for ``kind``, before
    checking whether they can be reached there."""
    ids = list(user_ids)
    chosen = {uid: {c.value for c in CHOSEN_CHANNELS if default_enabled(kind, c)} for uid in ids}
    for uid, channel, enabled in Preference.objects.filter(user_id__in=ids, kind=kind).values_list(
        "user_id", "channel", "enabled"
    ):
        (chosen[uid].add if enabled else chosen[uid].discard)(channel)
    return chosen


def preference_table(user) -> list[dict]:
    """Every kind with the user's effective choice per channel, for the page and the API."""
    overrides = {
        (k, c): e
        for k, c, e in Preference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    rows = []
    for name, kind in sorted(KINDS.items()):
        rows.append(
            {
                "kind": name,
                "label": str(kind.label),
                "urgent": kind.urgent,
                "channels": {
                    c.value: overrides.get((name, c.value), default_enabled(name, c))
                    for c in CHOSEN_CHANNELS
                },
            }
        )
    return rows


# ------------------------------------------------------------------------------ quiet hours


def quiet_until(now: dt.datetime, quiet: tuple[dt.time, dt.time] | None) -> dt.datetime | None:
    """When the quiet hours that ``now`` falls in end (aware), or None outside them."""
    if not quiet or quiet[0] == quiet[1]:
        return None
    start, end = quiet
    local = now.astimezone(SHANGHAI)
    t = local.time().replace(tzinfo=None)
    today_end = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if start < end:  # within a day, 12:00–14:00
        return today_end if start <= t < end else None
    if t >= start:  # overnight, 22:00–07:00, before midnight
        return today_end + dt.timedelta(days=1)
    if t < end:  # after midnight
        return today_end
    return None


# ------------------------------------------------------------------------------ planning


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


# ------------------------------------------------------------------------------ sending


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


# ------------------------------------------------------------------------------ digest


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
