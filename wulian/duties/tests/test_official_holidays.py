"""The holiday table seeded and cross-checked from the official package (chinesecalendar), the
admins' confirmation of a year the package does not cover yet, and the duty pages' warning."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from wulian.duties import holidays_cn, services
from wulian.duties.calendar import is_workday, status_colour
from wulian.duties.models import Holiday, HolidaySource, HolidayYear
from wulian.duties.selectors import official_differences, unconfirmed_holiday_years

pytestmark = pytest.mark.django_db

D = dt.date
DEC_2026 = dt.datetime(2026, 12, 6, 2, tzinfo=dt.UTC)


def _table(year: int, *, workday: bool, name: str) -> list[dt.date]:
    return list(
        Holiday.objects.filter(date__year=year, is_workday=workday, name__startswith=name)
        .order_by("date")
        .values_list("date", flat=True)
    )


def _package(year: int, *, workday: bool, name: str) -> list[dt.date]:
    return [
        d.date
        for d in holidays_cn.official_days(year)
        if d.is_workday == workday and d.name.startswith(name)
    ]


def test_2026_spring_festival_and_national_day_with_their_make_up_days_are_the_official_ones():
    spring = [D(2026, 2, d) for d in range(15, 24)]
    national = [D(2026, 10, d) for d in range(1, 8)]
    assert _package(2026, workday=False, name="春节") == spring
    assert _package(2026, workday=True, name="春节") == [D(2026, 2, 14), D(2026, 2, 28)]
    assert _package(2026, workday=False, name="国庆节") == national
    assert _package(2026, workday=True, name="国庆节") == [D(2026, 9, 20), D(2026, 10, 10)]
    assert _table(2026, workday=False, name="春节") == spring
    assert _table(2026, workday=True, name="春节") == [D(2026, 2, 14), D(2026, 2, 28)]
    assert _table(2026, workday=False, name="国庆节") == national
    assert _table(2026, workday=True, name="国庆节") == [D(2026, 9, 20), D(2026, 10, 10)]
    assert [is_workday(D(2026, 2, 14)), is_workday(D(2026, 2, 16)), is_workday(D(2026, 2, 28))] == [
        True,
        False,
        True,
    ]
    assert [
        is_workday(D(2026, 9, 20)),
        is_workday(D(2026, 10, 7)),
        is_workday(D(2026, 10, 10)),
    ] == [True, False, True]
    assert official_differences(2026) == []
    assert official_differences(2025) == []
    assert sorted(HolidayYear.objects.values_list("year", "source")) == [
        (2025, "package"),
        (2026, "package"),
    ]


def _fake_2027(monkeypatch):
    """A package release that covers 2027 (dates invented for the test, not the real notice)."""
    days = [
        holidays_cn.OfficialDay(D(2027, 1, 1), "元旦", False),
        holidays_cn.OfficialDay(D(2027, 2, 7), "春节调休上班", True),
        *[holidays_cn.OfficialDay(D(2027, 2, d), "春节", False) for d in range(8, 16)],
    ]
    real_days = holidays_cn.official_days
    monkeypatch.setattr(holidays_cn, "covered_years", lambda: range(2004, 2028))
    monkeypatch.setattr(
        holidays_cn, "official_days", lambda year: days if year == 2027 else real_days(year)
    )


def test_a_year_the_package_newly_covers_is_seeded_confirmed_and_colours_spring_festival(
    monkeypatch,
):
    assert is_workday(D(2027, 2, 8)) is True  # a Monday: no 春节 in the table yet
    assert status_colour(D(2027, 2, 16), D(2027, 2, 5)) == "green"
    _fake_2027(monkeypatch)
    assert services.sync_official_holidays(by=None) == [2027]
    assert is_workday(D(2027, 2, 8)) is False
    assert is_workday(D(2027, 2, 7)) is True  # a Sunday worked
    assert (
        is_workday(D(2027, 5, 3)) is True
    )  # the fixed-date rows were replaced by the package's year
    # Fri 5 Feb → Tue 16 Feb: only Sun 7 Feb and Tue 16 Feb are working days.
    assert status_colour(D(2027, 2, 16), D(2027, 2, 5)) == "yellow"
    entry = HolidayYear.objects.get(year=2027)
    assert (entry.source, entry.note) == (
        HolidaySource.PACKAGE,
        f"国务院办公厅关于2027年部分节假日安排的通知（{holidays_cn.package_label()}）",
    )
    assert services.sync_official_holidays(by=None) == []  # once


def test_sync_never_overwrites_a_confirmed_year_and_the_cross_check_names_the_difference(world):
    services.create_holiday(by=world.users["city_admin"], date=D(2026, 3, 9), name="本地调整")
    before = list(Holiday.objects.values_list("date", "name", "is_workday"))
    assert services.sync_official_holidays(by=None) == []
    assert list(Holiday.objects.values_list("date", "name", "is_workday")) == before
    assert official_differences(2026) == [
        {"date": D(2026, 3, 9), "table": ("本地调整", False), "official": None}
    ]


@time_machine.travel(DEC_2026, tick=False)
def test_duty_pages_warn_staff_while_next_year_has_no_confirmed_table(world, client, login):
    login("xihuamen_admin")
    for name in ("duties:index", "duties:lists", "duties:holidays"):
        page = client.get(reverse(name)).content.decode()
        assert 'id="holiday-warning"' in page, name
        assert "2027年的节假日安排尚未确认" in page, name
    assert unconfirmed_holiday_years() == [2027]


@time_machine.travel(DEC_2026, tick=False)
def test_an_admin_enters_the_notice_and_confirms_the_year_and_the_warning_goes(
    world, client, login
):
    admin = login("city_admin")
    for day in range(6, 14):
        services.create_holiday(by=admin, date=D(2027, 2, day), name="春节")
    response = client.post(
        reverse("duties:holiday_confirm"), {"year": 2027, "note": "国办发明电〔2026〕X号"}
    )
    assert response.status_code == 302
    entry = HolidayYear.objects.get(year=2027)
    assert (entry.source, entry.note, entry.confirmed_by) == (
        HolidaySource.NOTICE,
        "国办发明电〔2026〕X号",
        admin,
    )
    assert unconfirmed_holiday_years() == []
    assert 'id="holiday-warning"' not in client.get(reverse("duties:index")).content.decode()


def test_confirming_a_year_without_spring_festival_is_refused_and_nothing_changes(world):
    with pytest.raises(ValidationError) as exc:
        services.confirm_holiday_year(
            by=world.users["city_admin"], year=2027, note="国务院办公厅通知"
        )
    assert exc.value.message_dict == {
        "year": ["2027年的节假日表中还没有春节，请先按国务院通知录入全年安排。"]
    }
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_confirming_a_confirmed_year_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.confirm_holiday_year(by=world.users["city_admin"], year=2026, note="重复确认")
    assert exc.value.message_dict == {"year": ["2026年的节假日安排已确认。"]}
    assert HolidayYear.objects.get(year=2026).source == HolidaySource.PACKAGE


@time_machine.travel(DEC_2026, tick=False)
def test_holidays_check_command_names_the_unconfirmed_year():
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 holiday problems"):
        call_command("holidays", "check", stdout=out)
    assert (
        out.getvalue()
        == "2027: no confirmed holiday arrangement (enter the State Council's notice and confirm it).\n"
    )
