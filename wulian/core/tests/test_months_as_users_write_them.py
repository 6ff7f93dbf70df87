"""``periods.parse_month``: the month a user writes (2026-10) as its first day, the one parser the
dispatch form and API share."""

import datetime as dt

import pytest

from wulian.core.periods import parse_month


@pytest.mark.parametrize(
    ("text", "first_day"), [("2026-10", dt.date(2026, 10, 1)), (" 2026-1 ", dt.date(2026, 1, 1))]
)
def test_a_month_is_its_first_day(text, first_day):
    assert parse_month(text) == first_day


@pytest.mark.parametrize("text", ["", "2026", "2026-13", "2026-10-01", "十月"])
def test_anything_else_is_a_value_error(text):
    with pytest.raises(ValueError, match="does not match format|unconverted data remains"):
        parse_month(text)
