import datetime as dt
from decimal import Decimal

import pytest

from wulian.web.demo import CITY, QINGYANG


@pytest.fixture
def make_fund(world):
    """A fund of the city (or another area) holding the given amount from one department."""
    from wulian.funds import services

    def _make(amount="100000", *, year=2031, kind="guarantee", area_code=CITY):
        fund = services.create_fund(by=None, year=year, kind=kind, area=world.areas[area_code])
        services.add_fund_source(
            by=None,
            fund=fund,
            department=world.orgs["dept_civil"],
            amount=Decimal(amount),
            received_on=dt.date(year, 1, 10),
        )
        return fund

    return _make


@pytest.fixture
def qingyang_fund(make_fund):
    return make_fund(area_code=QINGYANG)
