"""Service hours are checked before they count: never more than the time since the claim, never
more than 12 hours for each calendar day of service (Asia/Shanghai), and never more than 500."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from wulian.needs import services
from wulian.needs.models import State
from wulian.needs.tests.factories import NeedFactory, unit_provider
from wulian.needs.tests.helpers import state_of

pytestmark = pytest.mark.django_db

# 09:00 in Chengdu on a Monday.
CLAIMED = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def _claimed(**kwargs):
    """A need claimed by the contact of a unit nearby (``need.contact``)."""
    need = NeedFactory(title="帮忙换个灯泡", **kwargs)
    contact, provider = unit_provider(need.community)
    need = services.claim_need(need=need, by=contact, provider=provider)
    need.contact = contact
    return need


def test_500_hours_one_minute_after_the_claim_are_refused_and_nothing_changes():
    with time_machine.travel(CLAIMED, tick=False) as traveller:
        need = _claimed(wished_from=CLAIMED + dt.timedelta(days=4))
        traveller.shift(dt.timedelta(minutes=1))
        before = state_of(need)
        with pytest.raises(ValidationError) as exc:
            services.fulfil_need(need=need, by=need.contact, note="换好了", hours=500)
    assert exc.value.message_dict == {
        "hours": [
            "服务时长500.0小时超过了接单以来的时间：03-02 09:00接单，至今1分钟，最多可填0.1小时。"
        ]
    }
    assert state_of(need) == before
    assert need.state == State.CLAIMED


def test_hours_within_the_time_since_the_claim_are_accepted():
    with time_machine.travel(CLAIMED, tick=False) as traveller:
        need = _claimed()
        traveller.shift(dt.timedelta(hours=2, minutes=31))
        services.fulfil_need(need=need, by=need.contact, note="换好了", hours="2.6")
    assert (need.state, need.hours_spent) == (State.DONE, Decimal("2.6"))


def test_a_few_minutes_may_be_recorded_as_a_tenth_of_an_hour():
    with time_machine.travel(CLAIMED, tick=False) as traveller:
        need = _claimed()
        traveller.shift(dt.timedelta(minutes=5))
        services.fulfil_need(need=need, by=need.contact, note="换好了", hours="0.1")
    assert need.hours_spent == Decimal("0.1")


def test_hours_beyond_twelve_a_day_of_service_are_refused():
    with time_machine.travel(CLAIMED, tick=False) as traveller:
        need = _claimed()
        traveller.shift(dt.timedelta(days=1, hours=12))  # Tuesday 21:00: 36 hours, two days
        before = state_of(need)
        with pytest.raises(ValidationError) as exc:
            services.fulfil_need(need=need, by=need.contact, note="连续服务", hours=30)
        assert exc.value.message_dict == {
            "hours": [
                "服务时长30.0小时超过了每天12小时的上限：03-02 09:00接单至今共2天，最多可填24.0小时。"
            ]
        }
        assert state_of(need) == before
        services.fulfil_need(need=need, by=need.contact, note="连续服务", hours=24)
    assert need.hours_spent == Decimal("24.0")


def test_daily_cap_is_a_setting(settings):
    settings.WULIAN_NEED_DAILY_HOURS = 8
    with time_machine.travel(CLAIMED, tick=False) as traveller:
        need = _claimed()
        traveller.shift(dt.timedelta(hours=10))
        with pytest.raises(ValidationError) as exc:
            services.fulfil_need(need=need, by=need.contact, note="x", hours=9)
    assert exc.value.message_dict == {
        "hours": [
            "服务时长9.0小时超过了每天8小时的上限：03-02 09:00接单至今共1天，最多可填8.0小时。"
        ]
    }
