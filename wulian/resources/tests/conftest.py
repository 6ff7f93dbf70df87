"""Resources test set-up: a frozen clock, a small parking resource of 华西医院 in 黉门街社区."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from wulian.resources import services

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
# Tuesday 1 December 2026, 09:00 in Chengdu.
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=SH)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in December 2026, Chengdu time."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SH)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


EVERY_DAY_8_TO_20 = [(d, dt.time(8), dt.time(20)) for d in range(7)]


@pytest.fixture
def make_resource(world):
    def _make(**kwargs):
        # A venue (no licence plate to give) with allowances large enough not to matter unless a
        # test is about them.
        data = {
            "by": None,
            "org": world.orgs["huaxi"],
            "name": "测试活动室",
            "kind": "venue",
            "area": world.areas["510107005008"],
            "capacity": 2,
            "capacity_unit": "间",
            "hours": EVERY_DAY_8_TO_20,
            "location": "国学巷37号",
            "per_person_day": 50,
            "per_person_week": 50,
            "per_household_day": 50,
            "per_household_week": 50,
        }
        data.update(kwargs)
        return services.create_resource(**data)

    return _make


@pytest.fixture
def parking(make_resource, clock):
    """Capacity 2, open every day 08:00–20:00, blackout on 25 December, no approval."""
    return make_resource(blackouts=[(dt.date(2026, 12, 25), "圣诞节院内活动")])
