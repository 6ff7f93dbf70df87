"""Signed, expiring, read-only links to the big screen (数据大屏): no login with a valid
signature, 404 otherwise. The screen shows counters only, never personal data."""

from __future__ import annotations

import time

from django.core import signing

SALT = "wulian.figures.screen"
DEFAULT_DAYS = 30


def make_token(*, area_code: str, days: int = DEFAULT_DAYS, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + days * 86400)
    return signing.dumps({"a": area_code, "e": expires}, salt=SALT, compress=True)


def read_token(token: str, *, now: float | None = None) -> str | None:
    """The area code the token grants, or None if it is forged, tampered with or expired."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or int(data.get("e", 0)) < (now if now is not None else time.time()):
        return None
    return data.get("a")
