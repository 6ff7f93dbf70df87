"""Real parallel transactions: each thread calls the service on its own connection."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wulian.figures.tests.helpers import assert_figures_consistent
from wulian.funds import services
from wulian.funds.models import Allocation, LedgerEntry
from wulian.funds.selectors import allocation_balance, fund_balance, project_spent
from wulian.web.demo import CITY, HONGMENJIE, QINGYUAN, XIHUAMEN, ZHIQIANG

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def _race(calls):
    outcomes: list[str] = []
    barrier = threading.Barrier(len(calls))
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            call()
            result = "ok"
        except ValidationError as exc:
            result = "refused:" + next(iter(exc.message_dict))
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


def test_concurrent_allocations_beyond_the_balance_only_those_that_fit_succeed(world):
    fund = services.create_fund(by=None, year=2031, kind="incentive", area=world.areas[CITY])
    services.add_fund_source(
        by=None,
        fund=fund,
        department=world.orgs["dept_civil"],
        amount="100000",
        received_on=dt.date(2031, 1, 1),
    )
    communities = [
        world.areas[c] for c in (XIHUAMEN, QINGYUAN, HONGMENJIE, ZHIQIANG, XIHUAMEN, QINGYUAN)
    ]
    calls = [
        (
            lambda c=c: services.allocate(
                by=None, fund=fund, community=c, amount="30000", allocated_on=dt.date(2031, 2, 1)
            )
        )
        for c in communities
    ]
    outcomes = _race(calls)
    assert outcomes == ["ok"] * 3 + ["refused:amount"] * 3
    assert Allocation.objects.filter(fund=fund).count() == 3
    assert fund_balance(fund.pk) == Decimal("10000.00")
    assert_figures_consistent()


def test_concurrent_spending_beyond_the_allocation_only_what_fits_succeeds(world):
    fund = services.create_fund(by=None, year=2031, kind="guarantee", area=world.areas[CITY])
    services.add_fund_source(
        by=None,
        fund=fund,
        department=world.orgs["dept_law"],
        amount="10000",
        received_on=dt.date(2031, 1, 1),
    )
    allocation = services.allocate(
        by=None,
        fund=fund,
        community=world.areas[XIHUAMEN],
        amount="10000",
        allocated_on=dt.date(2031, 2, 1),
    )
    projects = []
    for i in range(2):
        p = services.create_project(
            by=None, allocation=allocation, name=f"项目{i}", category="other", budget="10000"
        )
        services.advance_project(by=None, project=p, to_status="approved")
        projects.append(p)
    calls = [
        (lambda p=p: services.record_spending(by=None, project=p, amount="2500", reason="支出"))
        for p in projects
        for _ in range(3)
    ]
    outcomes = _race(calls)
    assert outcomes == ["ok"] * 4 + ["refused:amount"] * 2
    assert allocation_balance(allocation.pk) == Decimal("0.00")
    assert sum(project_spent(p.pk) for p in projects) == Decimal("10000.00")
    assert LedgerEntry.objects.filter(allocation=allocation, kind="spending").count() == 4
    assert_figures_consistent()
