"""Rate limits on the shared cache (the database cache by default, Redis in production; never
per-process memory, which each gunicorn worker would count on its own).

- ``hit`` / ``exceeded``: a fixed-window counter for the public endpoints (failed logins per
  address, SMS code requests), keyed by a hash of the identity so no address or number is
  stored in clear.
- ``ApiUserThrottle`` / ``ApiIpThrottle``: ninja throttles for the API, per account and per
  address, on the same counters, with their rates read from the settings at each request (so
  tests and benchmarks can change them; an empty rate switches the limit off).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

from wulian.core.crypto import sm3_hex

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/15m"`` → (30, 900): a count per period of N seconds, minutes, hours or days."""
    count, _slash, period = rate.partition("/")
    unit = period[-1:]
    if unit not in _PERIODS:
        raise ValueError(f"invalid rate {rate!r}: use COUNT/[N]s|m|h|d")
    multiple = int(period[:-1]) if period[:-1] else 1
    return int(count), multiple * _PERIODS[unit]


def _key(scope: str, ident: str, period: int) -> str:
    window = int(time.time() // period)
    return f"wl-rate:{scope}:{sm3_hex(ident)[:32]}:{window}"


def exceeded(scope: str, ident: str, rate: str) -> bool:
    """Whether ``ident`` has used up ``rate`` in the current window (nothing is counted)."""
    if not rate:
        return False
    count, period = parse_rate(rate)
    return int(cache.get(_key(scope, ident, period), 0)) >= count


def hit(scope: str, ident: str, rate: str) -> bool:
    """Count one event for ``ident``; False when that goes over ``rate``."""
    if not rate:
        return True
    count, period = parse_rate(rate)
    key = _key(scope, ident, period)
    if cache.add(key, 1, period + 1):
        return count >= 1
    try:
        return cache.incr(key) <= count
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period + 1)
        return count >= 1


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


class _SettingRateThrottle(BaseThrottle):
    """A fixed-window ninja throttle whose rate is a setting."""

    scope = ""
    setting = ""
    period = 60

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request) -> bool:
        rate = getattr(settings, self.setting, "")
        ident = self.ident(request)
        if not rate or ident is None:
            return True
        self.period = parse_rate(rate)[1]
        return hit(self.scope, ident, rate)

    def wait(self) -> float:
        return self.period - time.time() % self.period


class ApiUserThrottle(_SettingRateThrottle):
    """Requests per account (after the token is checked)."""

    scope = "api_user"
    setting = "WULIAN_API_RATE_USER"

    def ident(self, request) -> str | None:
        user = getattr(request, "user", None)
        return str(user.pk) if user is not None and user.is_authenticated else None


class ApiIpThrottle(_SettingRateThrottle):
    """Requests per address, whoever sends them."""

    scope = "api_ip"
    setting = "WULIAN_API_RATE_IP"

    def ident(self, request) -> str | None:
        return client_ip(request)


def throttle_public(view=None, *, refuse=None):
    """Limit a public (no login) view to ``WULIAN_RATE_PUBLIC_READ_IP`` requests per address on the
    shared cache; over it the view answers 429 with Retry-After (``refuse(request, seconds)``
    builds the answer when the view has its own error format, as Open311 does). Put it outside
    ``cache_page``, so a cached page is counted too."""
    from functools import wraps

    def decorate(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            rate = getattr(settings, "WULIAN_RATE_PUBLIC_READ_IP", "")
            if rate and not hit("public_read", client_ip(request), rate):
                seconds = window_left(rate)
                if refuse is not None:
                    response = refuse(request, seconds)
                else:
                    from django.http import HttpResponse
                    from django.utils.translation import gettext as _

                    response = HttpResponse(
                        _("访问过于频繁，请%(s)d秒后再试。") % {"s": seconds},
                        status=429,
                        content_type="text/plain; charset=utf-8",
                    )
                response["Retry-After"] = str(seconds)
                return response
            return func(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


def window_left(rate: str) -> int:
    """Seconds until the current window of ``rate`` ends (for Retry-After and messages)."""
    period = parse_rate(rate)[1]
    return int(period - time.time() % period) + 1
