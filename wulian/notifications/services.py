"""Notifications are written when the change that causes them commits, never before, and only to
the recipients their kind declares (``notifications.kinds``). On that same commit, the outside
deliveries the recipients chose are logged and enqueued (``notifications.delivery``)."""

import datetime as dt
import logging
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.audit.services import record
from wulian.notifications import delivery
from wulian.notifications.kinds import KINDS, kind_of
from wulian.notifications.models import (
    CHOSEN_CHANNELS,
    Channel,
    DeliverySettings,
    Notification,
    Preference,
)
from wulian.notifications.recipients import Recipients
from wulian.notifications.rules import can_set_preferences

logger = logging.getLogger("wulian.notifications")


def notify(
    *, kind: str, to: Iterable[Recipients], title: str, body: str = "", url: str = ""
) -> None:
    """Queue one notification per recipient (deduplicated), written on commit of the current
    transaction, with the outside deliveries each recipient chose. Every audience in ``to`` must
    be one the kind declares."""
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

    def _write() -> None:
        notes = Notification.objects.bulk_create(
            [
                Notification(user_id=uid, kind=kind, title=title[:200], body=body, url=url[:300])
                for uid in ordered
            ]
        )
        try:
            delivery.plan_deliveries(notes, kind)
        except (
            Exception
        ):  # the change is committed: a queue that is down must not turn it into a 500
            logger.exception("outside deliveries of %s not planned", kind)

    transaction.on_commit(_write)


def mark_read(*, user: User, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(user=user).unread()
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


_REACH_FIELD = {Channel.EMAIL: "email", Channel.SMS: "sms", Channel.WECHAT: "wechat"}


def unreachable_reason(channel: str) -> str:
    reasons: dict[str, str] = {
        Channel.EMAIL: _("您的账号没有电子邮箱地址，不能选择电子邮件。"),
        Channel.SMS: _("您的账号没有手机号，不能选择短信。"),
        Channel.WECHAT: _("您的账号尚未绑定微信，不能选择微信。"),
    }
    return reasons.get(channel, "")


def set_preferences(*, user: User, by: User | None, choices: dict[tuple[str, str], bool]) -> int:
    """Set the user's channels per kind: ``{(kind, channel): enabled}``. A kind that does not
    exist, a channel that is not a choice and a channel the user cannot be reached on (e-mail
    without an address, SMS without a mobile number, WeChat without a binding) are refused,
    naming it, and nothing is written. Returns how many choices changed."""
    if not can_set_preferences(by, user):
        raise PermissionDenied("notification settings of another user")
    reach = delivery.reach_of([user.pk])[user.pk]
    allowed = {c.value for c in CHOSEN_CHANNELS}
    errors: dict[str, list[str]] = {}
    for (kind, channel), enabled in choices.items():
        field = f"{kind}.{channel}"
        if kind not in KINDS:
            errors[field] = [_("没有“%(k)s”这种消息类型。") % {"k": kind}]
        elif channel not in allowed:
            errors[field] = [
                _("没有“%(c)s”这种通知渠道（可选：短信、电子邮件、微信、每日摘要）。")
                % {"c": channel}
            ]
        elif enabled and not reach.can(channel):
            errors[field] = [unreachable_reason(channel)]
    if errors:
        raise ValidationError(errors)
    current = {
        (k, c): e
        for k, c, e in Preference.objects.filter(user=user).values_list(
            "kind", "channel", "enabled"
        )
    }
    changed = {
        key: enabled
        for key, enabled in choices.items()
        if current.get(key, delivery.default_enabled(*key)) != enabled
    }
    if not changed:
        return 0
    with transaction.atomic():
        for (kind, channel), enabled in changed.items():
            Preference.objects.update_or_create(
                user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
            )
        record(
            actor=by,
            action="notification.preferences",
            obj=user,
            after={f"{k}.{c}": e for (k, c), e in sorted(changed.items())},
        )
    return len(changed)


def _time(value: object, field: str) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            {field: _("时间“%(v)s”格式不对，应为 HH:MM，如 22:00。") % {"v": value}}
        ) from None


def set_delivery_settings(
    *,
    user: User,
    by: User | None,
    quiet_enabled: bool,
    quiet_from: object = None,
    quiet_until: object = None,
) -> DeliverySettings:
    """Set the user's quiet hours (Asia/Shanghai); both ends or neither (the default 22:00–07:00)."""
    if not can_set_preferences(by, user):
        raise PermissionDenied("notification settings of another user")
    start, end = _time(quiet_from, "quiet_from"), _time(quiet_until, "quiet_until")
    if (start is None) != (end is None):
        field = "quiet_until" if end is None else "quiet_from"
        raise ValidationError(
            {field: _("请同时填写免打扰的开始和结束时间，或都不填（默认 22:00–07:00）。")}
        )
    if start is not None and start == end:
        raise ValidationError({"quiet_until": _("免打扰的结束时间不能与开始时间相同。")})
    with transaction.atomic():
        row, _created = DeliverySettings.objects.select_for_update().get_or_create(user=user)
        before = {
            "quiet_enabled": row.quiet_enabled,
            "quiet_from": row.quiet_from,
            "quiet_until": row.quiet_until,
        }
        row.quiet_enabled, row.quiet_from, row.quiet_until = bool(quiet_enabled), start, end
        row.save(update_fields=["quiet_enabled", "quiet_from", "quiet_until"])
        record(
            actor=by,
            action="notification.settings",
            obj=user,
            before=before,
            after={"quiet_enabled": row.quiet_enabled, "quiet_from": start, "quiet_until": end},
        )
    return row


def bind_wechat(*, user: User, by: User | None, openid: str) -> DeliverySettings:
    """Bind (or, with an empty openid, unbind) the user's WeChat openid; the official account's
    follow callback calls this. Unbinding turns the user's WeChat choices off."""
    openid = (openid or "").strip()
    if len(openid) > 64 or (openid and not openid.replace("-", "").replace("_", "").isalnum()):
        raise ValidationError({"wechat_openid": _("微信 openid 格式不对。")})
    with transaction.atomic():
        row, _created = DeliverySettings.objects.select_for_update().get_or_create(user=user)
        row.wechat_openid = openid
        row.save(update_fields=["wechat_openid"])
        if not openid:
            Preference.objects.filter(user=user, channel=Channel.WECHAT).update(enabled=False)
        record(
            actor=by,
            action="notification.wechat_bind" if openid else "notification.wechat_unbind",
            obj=user,
        )
    return row
