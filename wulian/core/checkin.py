"""扫码签到, the part every kind of gathering shares (joint meetings, activities): a signed token
with a maximum age naming one object, the QR code of its URL, the window in which signing in is
open, and who signed in (the account's linked person, else a name typed on the page — never the
account's label, which names a post, not who came).

Imports no wulian app: an app passes its own salt, its object's id and times, and the user."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

NAME_MAX = 50


def max_age() -> int:
    """How long a shown QR code stays valid (seconds)."""
    return int(getattr(settings, "WULIAN_CHECKIN_MAX_AGE", 6 * 3600))


def make_token(salt: str, pk: int) -> str:
    return signing.dumps({"m": pk}, salt=salt, compress=True)


def token_pk(salt: str, token: str) -> int:
    """The id a token names, if the signature holds and it has not expired; otherwise a clear
    refusal on the ``token`` field."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age())
    except signing.SignatureExpired:
        raise ValidationError({"token": _("签到二维码已过期，请扫描现场最新的二维码。")}) from None
    except signing.BadSignature:
        raise ValidationError({"token": _("签到二维码无效。")}) from None
    pk = data.get("m") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        raise ValidationError({"token": _("签到二维码无效。")})
    return pk


def qr_svg(url: str) -> str:
    """The QR code of a check-in URL, as inline SVG."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


@dataclass(frozen=True)
class Window:
    """When signing in is open: from ``early`` before the start to ``grace`` after the end."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    early: dt.timedelta = dt.timedelta(hours=1)
    grace: dt.timedelta = dt.timedelta(hours=1)

    @property
    def opens_at(self) -> dt.datetime:
        return self.starts_at - self.early

    @property
    def closes_at(self) -> dt.datetime:
        return self.ends_at + self.grace

    def check(self, now: dt.datetime | None = None, field: str = "token") -> None:
        now = now or timezone.now()
        if now < self.opens_at:
            raise ValidationError(
                {
                    field: _("签到尚未开始，%(t)s起可签到。")
                    % {"t": f"{timezone.localtime(self.opens_at):%Y-%m-%d %H:%M}"}
                }
            )
        if now > self.closes_at:
            raise ValidationError(
                {
                    field: _("签到已于%(t)s结束。")
                    % {"t": f"{timezone.localtime(self.closes_at):%Y-%m-%d %H:%M}"}
                }
            )


def signer(user: Any, typed_name: str = "") -> tuple[Any, str]:
    """Who signs in: ``(person, name)`` — the account's linked person and its name, else no
    person and the name typed on the check-in page, checked."""
    person = getattr(user, "person", None) if getattr(user, "person_id", None) else None
    if person is not None:
        return person, person.name
    name = (typed_name or "").strip()
    if not name:
        raise ValidationError({"name": _("您的账号未关联人员信息，请填写签到人姓名。")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": _("签到人姓名不能超过%(n)d字。") % {"n": NAME_MAX}})
    return None, name
