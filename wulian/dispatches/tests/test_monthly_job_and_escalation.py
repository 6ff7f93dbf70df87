import datetime as dt

import pytest
import time_machine

from wulian.dispatches import services, tasks
from wulian.dispatches.models import Dispatch, Rectification, RectificationStatus

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour_utc: int = 2):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, hour_utc, tzinfo=dt.UTC), tick=False
    )


def test_the_monthly_job_drafts_last_months_dispatch_for_every_scope_once_on_its_day(world):
    scopes = tasks.dispatch_scopes()
    codes = {a.code for a in scopes}
    assert {"510100000000", "510105000000", "510105003000", "510105013000"} <= codes
    assert "510105003003" not in codes  # communities are not dispatch scopes
    with _at(dt.date(2026, 7, 4)):
        assert tasks.run_monthly_dispatches() == []  # not the day
    with _at(dt.date(2026, 7, 5)):
        made = tasks.run_monthly_dispatches()
        assert len(made) == len(scopes)
        assert tasks.run_monthly_dispatches() == []  # once per scope and month
        tasks.monthly_dispatches()  # the Huey task itself (immediate mode in tests)
    june = Dispatch.objects.filter(period=dt.date(2026, 6, 1), kind="monthly")
    assert june.count() == len(scopes)
    assert set(june.values_list("status", flat=True)) == {"draft"}


def test_the_dispatch_day_is_configurable(world, settings):
    settings.WULIAN_DISPATCH_DAY = 8
    with _at(dt.date(2026, 7, 5)):
        assert tasks.run_monthly_dispatches() == []
    with _at(dt.date(2026, 7, 8)):
        assert len(tasks.run_monthly_dispatches()) == len(tasks.dispatch_scopes())


def test_an_overdue_rectification_escalates_one_level_up_exactly_once(world):
    admin = world.users["qingyang_admin"]
    with _at(dt.date(2026, 7, 6)):
        draft, _ = services.generate_monthly_dispatch(
            scope_area=world.areas["510105000000"], period=dt.date(2026, 6, 1)
        )
        late = services.add_criticism(
            by=admin,
            dispatch=draft,
            org=world.orgs["supo"],
            failure="逾期",
            deadline=dt.date(2026, 7, 20),
        ).rectification
        fixed = services.add_criticism(
            by=admin,
            dispatch=draft,
            org=world.orgs["xiyuhe"],
            failure="逾期",
            deadline=dt.date(2026, 7, 20),
        ).rectification
        services.publish_dispatch(by=admin, dispatch=draft)
        services.report_rectification(
            by=world.users["xiyuhe_admin"], rectification=fixed, text="已整改"
        )
        services.verify_rectification(by=admin, rectification=fixed, approve=True)
    with _at(dt.date(2026, 7, 20)):
        assert tasks.run_escalations() == []  # due today: not yet overdue
    with _at(dt.date(2026, 7, 21)):
        assert tasks.run_escalations() == [late.pk]
        assert tasks.run_escalations() == []
        tasks.escalate_rectifications()
    late.refresh_from_db()
    fixed.refresh_from_db()
    assert late.escalated_to == world.orgs["city_gc"]
    assert late.status == RectificationStatus.PENDING
    assert fixed.escalated_at is None
    assert (
        Rectification.objects.filter(escalated_at__isnull=False, criticism__dispatch=draft).count()
        == 1
    )
