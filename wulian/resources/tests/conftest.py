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
        data = {
            "by": None, "org": world.orgs["huaxi"], "name": "测试停车场", "kind": "parking",
            "area": world.areas["510107005008"], "capacity": 2, "capacity_unit": "个车位",
            "hours": EVERY_DAY_8_TO_20, "location": "国学巷37号",
        }
        data.update(kwargs)
        return services.create_resource(**data)

    return _make


@pytest.fixture
def parking(make_resource, clock):
    """Capacity 2, open every day 08:00–20:00, blackout on 25 December, no approval."""
    return make_resource(blackouts=[(dt.date(2026, 12, 25), "圣诞节院内活动")])


