"""The official public holidays (法定节假日) and make-up working days (调休) seeded into the
``Holiday`` table. Admins edit the table on the 节假日设置 page; these lists only seed it.

2026: 国务院办公厅关于2026年部分节假日安排的通知.
2027: only the fixed-date statutory holidays (元旦 Jan 1, 劳动节 May 1–2, 国庆节 Oct 1–3) are
seeded; the lunar holidays and the 调休 arrangement must be entered from the State Council's
2027 notice when it is published.
"""

import datetime as dt


def _range(name: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, str, bool]]:
    days = []
    day = start
    while day <= end:
        days.append((day, name, False))
        day += dt.timedelta(days=1)
    return days


def _d(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


HOLIDAYS_2026 = [
    *_range("元旦", _d(2026, 1, 1), _d(2026, 1, 3)),
    (_d(2026, 1, 4), "元旦调休上班", True),
    (_d(2026, 2, 14), "春节调休上班", True),
    *_range("春节", _d(2026, 2, 15), _d(2026, 2, 23)),
    (_d(2026, 2, 28), "春节调休上班", True),
    *_range("清明节", _d(2026, 4, 4), _d(2026, 4, 6)),
    *_range("劳动节", _d(2026, 5, 1), _d(2026, 5, 5)),
    (_d(2026, 5, 9), "劳动节调休上班", True),
    *_range("端午节", _d(2026, 6, 19), _d(2026, 6, 21)),
    (_d(2026, 9, 20), "国庆节调休上班", True),
    *_range("中秋节", _d(2026, 9, 25), _d(2026, 9, 27)),
    *_range("国庆节", _d(2026, 10, 1), _d(2026, 10, 7)),
    (_d(2026, 10, 10), "国庆节调休上班", True),
]

HOLIDAYS_2027_FIXED = [
    (_d(2027, 1, 1), "元旦", False),
    *_range("劳动节", _d(2027, 5, 1), _d(2027, 5, 2)),
    *_range("国庆节", _d(2027, 10, 1), _d(2027, 10, 3)),
]

SEED = HOLIDAYS_2026 + HOLIDAYS_2027_FIXED
