import datetime as dt

from wulian.meetings.models import ActionItem, ActionStatus
from wulian.meetings.selectors import colour

# Friday 2026-11-20; the next working days are Mon 23, Tue 24, Wed 25.
FRIDAY = dt.date(2026, 11, 20)


def _item(due, status=ActionStatus.OPEN):
    return ActionItem(due_on=due, status=status)


def test_overdue_is_red(db):
    assert colour(_item(FRIDAY - dt.timedelta(days=1)), FRIDAY) == "red"


def test_due_within_three_working_days_is_yellow_across_a_weekend(db):
    assert colour(_item(dt.date(2026, 11, 25)), FRIDAY) == "yellow"
    assert colour(_item(FRIDAY), FRIDAY) == "yellow"


def test_due_later_is_green(db):
    assert colour(_item(dt.date(2026, 11, 26)), FRIDAY) == "green"


def test_reported_done_or_accepted_items_are_green(db):
    assert colour(_item(FRIDAY - dt.timedelta(days=9), ActionStatus.DONE), FRIDAY) == "green"
    assert colour(_item(FRIDAY - dt.timedelta(days=9), ActionStatus.ACCEPTED), FRIDAY) == "green"
