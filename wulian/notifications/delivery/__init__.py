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

from wulian.notifications.delivery.digest import (
    build_digests,
    day_bounds,
    plan_digest,
    send_digest_batch,
)
from wulian.notifications.delivery.reach import (
    SHANGHAI,
    Reach,
    default_enabled,
    enabled_channels,
    preference_table,
    quiet_until,
    reach_of,
)
from wulian.notifications.delivery.sending import (
    attempt_delivery,
    due_deliveries,
    plan_deliveries,
    retry_delay,
)

__all__ = [
    "Reach",
    "SHANGHAI",
    "attempt_delivery",
    "build_digests",
    "day_bounds",
    "default_enabled",
    "due_deliveries",
    "enabled_channels",
    "plan_deliveries",
    "plan_digest",
    "preference_table",
    "quiet_until",
    "reach_of",
    "retry_delay",
    "send_digest_batch",
]
