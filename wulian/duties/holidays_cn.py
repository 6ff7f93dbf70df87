"""The State Council's holiday arrangements (法定节假日 and 调休上班日), read from the kept package
``chinesecalendar`` (PyPI, imported as ``chinese_calendar``), which carries each year's 国务院办公厅
notice once it is published.

The ``Holiday`` table stays the one the calendar reads (editable, one query per window). The
package *seeds* it: ``services.sync_official_holidays`` writes every year the package covers and
the table has not confirmed yet, and marks that year confirmed (``HolidayYear``). For a year the
package does not cover yet (it lags the notice by weeks), admins enter the days on the 节假日设置
page and confirm the year themselves; once the package covers it, ``official_differences`` (the
page and ``wulian holidays check``) cross-checks the table against it. The table is never
overwritten for a year already confirmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import chinese_calendar
from chinese_calendar import constants

PACKAGE = "chinesecalendar"
FIRST_YEAR = 2025  # the platform's first year: earlier arrangements are never needed

# The package's English holiday names (the values of chinese_calendar.Holiday), in Chinese.
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class OfficialDay:
    date: dt.date
    name: str
    is_workday: bool  # a make-up working day (调休上班) on a weekend


def package_label() -> str:
    try:
        return f"{PACKAGE} {version(PACKAGE)}"
    except PackageNotFoundError:  # pragma: no cover - installed from a checkout
        return f"{PACKAGE} {getattr(chinese_calendar, '__version__', '?')}"


def covered_years() -> range:
    """The years the installed package carries an arrangement for."""
    years = [d.year for d in constants.holidays]
    return range(min(years), max(years) + 1)


def _name(value) -> str:
    english = getattr(value, "value", value)
    return NAMES.get(english, str(english))


def official_days(year: int) -> list[OfficialDay]:
    """The year's holidays and make-up working days as the package has them (empty if it does
    not cover the year)."""
    if year not in covered_years():
        return []
    days = [
        OfficialDay(d, _name(v), False) for d, v in constants.holidays.items() if d.year == year
    ]
    days += [
        OfficialDay(d, f"{_name(v)}调休上班", True)
        for d, v in constants.workdays.items()
        if d.year == year
    ]
    return sorted(days, key=lambda day: day.date)
