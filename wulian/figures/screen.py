"""Signed, expiring, revocable read-only links to the big screen (数据大屏): no login with a valid
link, 404 otherwise. The screen shows counters only, never personal data.

Each link is a ``ScreenLink`` row (at most ``MAX_DAYS`` days, listed and revocable by admins,
creation and revocation audited: ``figures.services``); the token is the row's id signed."""

from __future__ import annotations

import datetime as dt
import time

from django.core import signing

SALT = "wulian.figures.screen"
DEFAULT_DAYS = 7
MAX_DAYS = 30


def token_for(link) -> str:
    return signing.dumps({"l": link.pk, "a": link.area.code}, salt=SALT, compress=True)


def make_token(*, area_code: str, days: int = DEFAULT_DAYS, now: float | None = None) -> str:
    """A link made by the platform itself (tests, the demo): not audited, not for admins' use."""
    from wulian.areas.models import Area
    from wulian.figures.models import ScreenLink

    start = now if now is not None else time.time()
    link = ScreenLink.objects.create(
        area=Area.objects.get(code=area_code),
        expires_at=dt.datetime.fromtimestamp(start + days * 86400, tz=dt.UTC),
    )
    return token_for(link)


def read_token(token: str, *, now: float | None = None) -> str | None:
    """The area code the link grants, or None if it is forged, tampered with, revoked or expired."""
    from wulian.figures.models import ScreenLink

    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("l"), int):
        return None  # links from before revocation existed: ended
    link = ScreenLink.objects.select_related("area").filter(pk=data["l"]).first()
    when = dt.datetime.fromtimestamp(now if now is not None else time.time(), tz=dt.UTC)
    if link is None or not link.is_live(when) or link.area.code != data.get("a"):
        return None
    return link.area.code
