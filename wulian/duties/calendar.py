"""The working-day calendar: Monday to Friday, minus public holidays (法定节假日), plus make-up
working days (调休), as kept in the editable ``Holiday`` table.

Public helpers for every app::

    add_working_days(date, n)  # the date n working days after (n >= 0) or before (n < 0)
    working_days_between(a, b)  # working days after a up to and including b (negative if b < a)
    status_colour(due, today)  # "red" overdue, "yellow" due within 3 working days, else "green"

List views make one ``WorkCalendar`` for the rows they show, so colouring a page costs one query.
"""

import datetime as dt

YELLOW_WITHIN = 3  # working days
_SPAN = dt.timedelta(days=400)


class WorkCalendar:
    """Holidays of a date window, loaded once (one query), then answered from memory."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        from wulian.duties.models import Holiday

        self.start, self.end = min(start, end), max(start, end)
        self._days = dict(
            Holiday.objects.filter(date__range=(self.start, self.end)).values_list(
                "date", "is_workday"
            )
        )

    def _covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def is_workday(self, day: dt.date) -> bool:
        if not self._covers(day):
            return WorkCalendar(day, day).is_workday(day)
        special = self._days.get(day)
        if special is not None:
            return special
        return day.weekday() < 5

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        step = dt.timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

    def status_colour(self, due: dt.date, today: dt.date) -> str:
        if due < today:
            return "red"
        if (due - today).days > 21:  # 3 working days never span three weeks, even over 春节
            return "green"
        if self.working_days_between(today, due) <= YELLOW_WITHIN:
            return "yellow"
        return "green"


def _calendar_for(a: dt.date, b: dt.date) -> WorkCalendar:
    lo, hi = min(a, b), max(a, b)
    return WorkCalendar(lo - dt.timedelta(days=1), hi + dt.timedelta(days=31))


def is_workday(day: dt.date) -> bool:
    return WorkCalendar(day, day).is_workday(day)


def working_days_between(a: dt.date, b: dt.date) -> int:
    return _calendar_for(a, b).working_days_between(a, b)


def add_working_days(day: dt.date, n: int) -> dt.date:
    # A generous window: n working days never need more than 2n + 30 calendar days here.
    span = dt.timedelta(days=2 * abs(n) + 30)
    cal = WorkCalendar(day - span, day + span) if n < 0 else WorkCalendar(day, day + span)
    return cal.add_working_days(day, n)


def status_colour(due: dt.date, today: dt.date) -> str:
    if due < today:
        return "red"
    return WorkCalendar(today, min(due, today + dt.timedelta(days=31))).status_colour(due, today)


def calendar_for_today(today: dt.date) -> WorkCalendar:
    """The window a list page needs to colour its rows (due dates up to a month ahead)."""
    return WorkCalendar(today, today + dt.timedelta(days=31))
