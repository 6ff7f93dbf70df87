"""iCalendar (.ics, RFC 5545) files for bookings and meetings."""

import datetime as dt
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

from wulian.core.text import strip_controls


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break
    (CRLF, CR or LF) as ``\\n``, and no other control character, so stored text can never start
    a line of its own."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text.replace("\t", " "))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    out, raw = [], line.encode()
    while len(raw) > 75:
        cut = 75
        while (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode())
        raw = b" " + raw[cut:]
    out.append(raw.decode())
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def make_ics(
    *,
    uid: str,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    location: str = "",
    description: str = "",
    sequence: int | None = None,
    status: str = "",
) -> str:
    """One VEVENT. A changed event keeps its UID and carries a higher ``sequence`` (RFC 5545
    3.8.7.4) so that calendars replace the old one; ``status`` is ``CONFIRMED``, ``TENTATIVE``
    or ``CANCELLED``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//wulian//五联//ZH",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(summary)}",
    ]
    if sequence is not None:
        lines.append(f"SEQUENCE:{sequence}")
    if status:
        lines.append(f"STATUS:{status}")
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ics_response(ics: str, *, filename: str) -> HttpResponse:
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
