"""A monthly notice (月度通报) lists the duties that fell overdue within its month: due in the
month and not done by their due date. A notice generated long after the month lists the same
items as one generated on the 1st of the next month: neither what fell overdue before or after
the month, nor what was done since, changes it."""

import datetime as dt

import pytest
import time_machine

from wulian.areas.tests.factories import StreetFactory
from wulian.dispatches import figures as dispatch_figures
from wulian.dispatches import services
from wulian.duties import services as duty_services
from wulian.duties.tests.factories import DutyFactory, DutyListFactory
from wulian.orgs.tests.factories import GovernanceCommitteeFactory, PartyOrgFactory

pytestmark = pytest.mark.django_db

JUNE = dt.date(2030, 6, 1)


def _done(duty, on: dt.date) -> None:
    with time_machine.travel(dt.datetime.combine(on, dt.time(2), tzinfo=dt.UTC), tick=False):
        duty_services.report_progress(by=None, duty=duty, text="已完成", done=True)


@pytest.fixture
def district():
    street = StreetFactory()
    GovernanceCommitteeFactory(area=street.parent)
    duty_list = DutyListFactory(org=PartyOrgFactory(leads=street))

    def duty(title: str, due_on: dt.date):
        return DutyFactory(
            duty_list=duty_list, title=title, assigned_on=dt.date(2030, 1, 2), due_on=due_on
        )

    duty("六月未完成", dt.date(2030, 6, 12))
    _done(duty("六月逾期后当月完成", dt.date(2030, 6, 10)), dt.date(2030, 6, 20))
    _done(duty("六月逾期至七月完成", dt.date(2030, 6, 14)), dt.date(2030, 7, 3))
    _done(duty("六月按期完成", dt.date(2030, 6, 20)), dt.date(2030, 6, 18))
    duty("五月未完成", dt.date(2030, 5, 10))
    duty("七月未完成", dt.date(2030, 7, 10))
    return street.parent


def _titles(figures: dict) -> list[str]:
    return [o["title"] for o in figures["overdue"]]


def test_a_notice_generated_months_later_lists_the_items_that_fell_overdue_in_its_month(district):
    dispatch, created = services.generate_monthly_dispatch(
        scope_area=district, period=JUNE, today=dt.date(2030, 9, 5)
    )
    assert created is True
    assert _titles(dispatch.figures) == ["六月逾期后当月完成", "六月未完成", "六月逾期至七月完成"]


def test_the_overdue_list_of_a_month_does_not_depend_on_the_generation_date(district):
    on_the_first = dispatch_figures.compute(district, JUNE, dt.date(2030, 7, 1))
    months_later = dispatch_figures.compute(district, JUNE, dt.date(2030, 12, 7))
    assert on_the_first["overdue"] == months_later["overdue"]
    # Counted to the day it was done, or to the month's end while still open then.
    assert [o["working_days_overdue"] for o in on_the_first["overdue"]] == [8, 12, 10]
