import datetime as dt

import pytest

from wulian.duties import services
from wulian.duties.calendar import add_working_days, is_workday, status_colour, working_days_between
from wulian.duties.models import Holiday

pytestmark = pytest.mark.django_db

D = dt.date


def test_seeded_2026_holidays_and_make_up_days():
    assert is_workday(D(2026, 1, 1)) is False  # 元旦, a Thursday
    assert is_workday(D(2026, 1, 4)) is True  # Sunday, 调休上班
    assert is_workday(D(2026, 2, 14)) is True  # Saturday before 春节
    assert is_workday(D(2026, 2, 16)) is False  # Monday in 春节
    assert is_workday(D(2026, 10, 10)) is True  # Saturday after 国庆
    assert is_workday(D(2026, 10, 11)) is False  # plain Sunday
    assert Holiday.objects.filter(date__year=2026, is_workday=True).count() == 6


def test_2027_fixed_date_holidays_are_seeded():
    assert sorted(Holiday.objects.filter(date__year=2027).values_list("date", flat=True)) == [
        D(2027, 1, 1),
        D(2027, 5, 1),
        D(2027, 5, 2),
        D(2027, 10, 1),
        D(2027, 10, 2),
        D(2027, 10, 3),
    ]


def test_add_working_days_skips_spring_festival_and_counts_the_saturday_make_up_day():
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert add_working_days(D(2026, 2, 24), -2) == D(2026, 2, 13)
    assert add_working_days(D(2026, 2, 24), 0) == D(2026, 2, 24)


def test_working_days_between_national_day():
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 9)) == 2
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert working_days_between(D(2026, 10, 10), D(2026, 9, 30)) == -3
    assert working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0


def test_status_colour_red_yellow_green_in_working_days():
    assert status_colour(D(2026, 3, 1), D(2026, 3, 2)) == "red"
    assert status_colour(D(2026, 3, 2), D(2026, 3, 2)) == "yellow"
    # Four calendar days, but over 春节 only two working days (Feb 14, Feb 24): yellow.
    assert status_colour(D(2026, 2, 24), D(2026, 2, 13)) == "yellow"
    # Mon → next Mon is 5 working days: green.
    assert status_colour(D(2026, 3, 9), D(2026, 3, 2)) == "green"
    assert status_colour(D(2026, 12, 31), D(2026, 3, 2)) == "green"


def test_an_admin_edit_of_the_holiday_table_changes_the_calendar(world):
    admin = world.users["city_admin"]
    services.create_holiday(by=admin, date=D(2026, 3, 9), name="测试假日")
    assert is_workday(D(2026, 3, 9)) is False
    assert status_colour(D(2026, 3, 10), D(2026, 3, 6)) == "yellow"


def test_a_duplicate_holiday_is_refused_and_nothing_changes(world):
    from django.core.exceptions import ValidationError

    before = list(Holiday.objects.values_list("date", "name", "is_workday"))
    with pytest.raises(ValidationError) as exc:
        services.create_holiday(by=world.users["city_admin"], date=D(2026, 1, 1), name="元旦")
    assert "date" in exc.value.message_dict
    assert list(Holiday.objects.values_list("date", "name", "is_workday")) == before


def test_only_admins_may_edit_holidays(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_holiday(by=world.users["xihuamen_admin"], date=D(2026, 3, 9), name="x")
    assert not Holiday.objects.filter(date=D(2026, 3, 9)).exists()
