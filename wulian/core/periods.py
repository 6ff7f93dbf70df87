"""A year and a day as the figures bucket them (Asia/Shanghai), a month as users write it, and rows
summed under area paths: what the apps' per-area, per-year selectors share (read by 政绩考核)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of ``year`` and of the next, in the current (Asia/Shanghai) time zone."""
    zone = timezone.get_current_timezone()
    return (dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone))


def local_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    """The calendar day of ``value`` in the current (Asia/Shanghai) time zone; a date stays itself."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        return value
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


def parse_month(text: str) -> dt.date:
    """The first day of the month written ``2026-10``; ValueError when it is not one."""
    # A calendar month: the parsed time of day is dropped, so there is no zone to give.
    return dt.datetime.strptime(text.strip(), "%Y-%m").date()  # noqa: DTZ007


def sum_under(
    paths: Iterable[str], rows: Iterable[tuple[str, int | Decimal]]
) -> dict[str, int | Decimal]:
    """For each path, the sum of the rows' values whose path lies under it (rows: (path, value))."""
    rows = list(rows)
    return {p: sum((v for path, v in rows if path.startswith(p)), 0) for p in paths}


def rate(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part`` of ``whole`` in percent (two places), None when there is nothing to count."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))
