"""Which channels reach a user: their preferences, where they can be reached, quiet hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from wulian.accounts.models import User
from wulian.notifications.kinds import KINDS, kind_of
from wulian.notifications.models import (
    CHOSEN_CHANNELS,
    Channel,
    Preference,
)

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


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
