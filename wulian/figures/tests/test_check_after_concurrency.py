"""The main races back to back, in real parallel transactions: 32 providers claim one need, 32
residents book a capacity-1 slot, six allocations ask for more than the fund holds. Afterwards
``wulian figures check`` finds no difference: the counters kept inside the racing transactions
moved by exactly what won, and a counter planted wrong is reported."""

import datetime as dt

import pytest
import time_machine
from django.db.models import F

from wulian.figures.models import ALL_TIME, Counter
from wulian.figures.selectors import counter_value
from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.funds import services as funds
from wulian.needs import services as needs
from wulian.needs.models import Need
from wulian.needs.tests.helpers import post
from wulian.needs.tests.test_claim_concurrency import _providers
from wulian.resources import services as resources
from wulian.resources.tests.conftest import EVERY_DAY_8_TO_20, NOW, at
from wulian.resources.tests.test_booking_concurrency import _race, _residents
from wulian.web.demo import CITY, HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]
THREADS = 32


def _counters(world) -> dict[str, int]:
    """The all-time counters the burst moves: those of 黉门街社区 and of the city."""
    wanted = [
        (HONGMENJIE, "needs.posted"),
        (HONGMENJIE, "needs.claimed"),
        (HONGMENJIE, "resources.bookings"),
        (CITY, "funds.received_fen"),
        (CITY, "funds.allocated_fen"),
    ]
    return {key: counter_value(world.areas[code], key) for code, key in wanted}


def test_figures_check_finds_no_difference_after_a_burst_of_races(world):
    before = _counters(world)

    need = post(world, title="并发核对测试")
    claims = _race(
        [
            lambda u=u: needs.claim_need(need=Need.objects.get(pk=need.pk), by=u)
            for u in _providers(world, THREADS)
        ]
    )
    assert sorted(claims) == ["need"] * (THREADS - 1) + ["ok"]

    with time_machine.travel(NOW, tick=True):
        resource = resources.create_resource(
            by=None,
            org=world.orgs["huaxi"],
            name="唯一车位",
            kind="parking",
            area=world.areas[HONGMENJIE],
            capacity=1,
            hours=EVERY_DAY_8_TO_20,
        )
        bookings = _race(
            [
                lambda u=u: resources.book_resource(
                    resource=resource, by=u, start=at(2, 10), end=at(2, 11), plate="川A12345"
                )
                for u in _residents(world, THREADS)
            ]
        )
    assert sorted(bookings) == ["ok"] + ["quantity"] * (THREADS - 1)

    fund = funds.create_fund(by=None, year=2031, kind="incentive", area=world.areas[CITY])
    funds.add_fund_source(
        by=None,
        fund=fund,
        department=world.orgs["dept_civil"],
        amount="100000",
        received_on=dt.date(2031, 1, 1),
    )
    communities = [
        world.areas[c] for c in (XIHUAMEN, QINGYUAN, HONGMENJIE, ZHIQIANG, XIHUAMEN, QINGYUAN)
    ]
    allocations = _race(
        [
            lambda c=c: funds.allocate(
                by=None, fund=fund, community=c, amount="30000", allocated_on=dt.date(2031, 2, 1)
            )
            for c in communities
        ]
    )
    assert sorted(allocations) == ["amount"] * 3 + ["ok"] * 3

    after = _counters(world)
    assert {key: after[key] - before[key] for key in after} == {
        "needs.posted": 1,
        "needs.claimed": 1,
        "resources.bookings": 1,
        "funds.received_fen": 100_000_00,
        "funds.allocated_fen": 3 * 30_000_00,
    }
    assert_figures_consistent()

    # The check is not blind: one counter off by one is reported, by area, key and both values.
    planted = Counter.objects.filter(
        area=world.areas[HONGMENJIE], key="resources.bookings", period=ALL_TIME
    )
    planted.update(value=F("value") + 1)
    with pytest.raises(pytest.fail.Exception) as failed:
        assert_figures_consistent()
    booked = after["resources.bookings"]
    assert str(failed.value) == (
        "1 differences between counters and fresh aggregates.\n"
        f"{HONGMENJIE} 黉门街社区 resources.bookings *: stored {booked + 1}, fresh {booked}\n"
    )
    planted.update(value=F("value") - 1)
    assert_figures_consistent()
