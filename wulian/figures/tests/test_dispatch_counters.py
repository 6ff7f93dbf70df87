"""Dispatches' figures: criticisms issued in published dispatches, verified rectifications and
those reported by their deadline, counted at the criticized org's area and its ancestors."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from wulian.dispatches import services
from wulian.figures import services as figures
from wulian.figures.models import ALL_TIME
from wulian.figures.selectors import counter_value
from wulian.web.demo import QINGYANG

pytestmark = pytest.mark.django_db

KEYS = ("dispatches.criticisms", "dispatches.rectified", "dispatches.rectified_on_time")


def _values(areas, period=ALL_TIME):
    """{key: [value at each area]} for the dispatches' keys."""
    return {k: [counter_value(a, k, period) for a in areas] for k in KEYS}


def _month(value) -> str:
    return (
        timezone.localtime(value).strftime("%Y-%m")
        if isinstance(value, dt.datetime)
        else value.strftime("%Y-%m")
    )


@pytest.fixture
def draft(world):
    """青羊区's dispatch for January 2025 (the demo's is for last month), still a draft."""
    dispatch, created = services.generate_monthly_dispatch(
        scope_area=world.areas[QINGYANG], period=dt.date(2025, 1, 1)
    )
    assert created is True
    return dispatch


def test_a_criticism_counts_at_the_criticized_orgs_area_once_its_dispatch_is_published(
    world, draft
):
    admin, xiyuhe = world.users["qingyang_admin"], world.orgs["xiyuhe"]
    chain = xiyuhe.area.ancestors(include_self=True)
    this_month = _month(timezone.localdate())
    before, before_month = _values(chain), _values(chain, this_month)
    deadline = timezone.localdate() + dt.timedelta(days=10)

    services.add_criticism(
        by=admin, dispatch=draft, org=xiyuhe, failure="兼职委员未设岗定责", deadline=deadline
    )
    assert _values(chain) == before  # a draft's criticism is not issued
    published = services.publish_dispatch(by=admin, dispatch=draft)

    after = _values(chain)
    assert after["dispatches.criticisms"] == [n + 1 for n in before["dispatches.criticisms"]]
    assert after["dispatches.rectified"] == before["dispatches.rectified"]
    assert _month(published.published_at) == this_month  # counted in the month it was issued
    assert _values(chain, this_month)["dispatches.criticisms"] == [
        n + 1 for n in before_month["dispatches.criticisms"]
    ]
    assert figures.check() == []


def test_removing_a_draft_criticism_changes_nothing(world, draft):
    admin, xiyuhe = world.users["qingyang_admin"], world.orgs["xiyuhe"]
    chain = xiyuhe.area.ancestors(include_self=True)
    before = _values(chain)
    criticism = services.add_criticism(
        by=admin,
        dispatch=draft,
        org=xiyuhe,
        failure="台账不全",
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    services.remove_criticism(by=admin, criticism=criticism)
    services.publish_dispatch(by=admin, dispatch=draft)
    assert _values(chain) == before
    assert figures.check() == []


def test_a_rectification_reported_by_its_deadline_and_verified_counts_as_rectified_on_time(
    world, draft
):
    admin, xiyuhe = world.users["qingyang_admin"], world.orgs["xiyuhe"]
    chain = xiyuhe.area.ancestors(include_self=True)
    deadline = timezone.localdate() + dt.timedelta(days=10)
    rect = services.add_criticism(
        by=admin, dispatch=draft, org=xiyuhe, failure="兼职委员未设岗定责", deadline=deadline
    ).rectification
    services.publish_dispatch(by=admin, dispatch=draft)
    before, before_month = _values(chain), _values(chain, _month(deadline))

    services.report_rectification(
        by=world.users["xiyuhe_admin"], rectification=rect, text="已设岗定责"
    )
    services.verify_rectification(by=admin, rectification=rect, approve=False, note="佐证不足")
    assert _values(chain) == before  # reported, then rejected: not rectified
    services.report_rectification(
        by=world.users["xiyuhe_admin"], rectification=rect, text="补充名单"
    )
    services.verify_rectification(by=admin, rectification=rect, approve=True)

    after, after_month = _values(chain), _values(chain, _month(deadline))
    for key in ("dispatches.rectified", "dispatches.rectified_on_time"):
        assert after[key] == [n + 1 for n in before[key]]
        assert after_month[key] == [n + 1 for n in before_month[key]]  # the deadline's month
    assert after["dispatches.criticisms"] == before["dispatches.criticisms"]
    assert figures.check() == []


def test_a_rectification_reported_after_its_deadline_is_rectified_but_not_on_time(world, draft):
    admin, xiyuhe = world.users["qingyang_admin"], world.orgs["xiyuhe"]
    chain = xiyuhe.area.ancestors(include_self=True)
    deadline = timezone.localdate() + dt.timedelta(days=1)
    rect = services.add_criticism(
        by=admin, dispatch=draft, org=xiyuhe, failure="台账不全", deadline=deadline
    ).rectification
    services.publish_dispatch(by=admin, dispatch=draft)
    before = _values(chain)

    with time_machine.travel(timezone.now() + dt.timedelta(days=5), tick=False):
        services.report_rectification(
            by=world.users["xiyuhe_admin"], rectification=rect, text="已补齐台账"
        )
        services.verify_rectification(by=admin, rectification=rect, approve=True)

    after = _values(chain)
    assert after["dispatches.rectified"] == [n + 1 for n in before["dispatches.rectified"]]
    assert after["dispatches.rectified_on_time"] == before["dispatches.rectified_on_time"]
    assert figures.check() == []


def test_the_city_dashboard_shows_the_demos_two_criticisms_and_one_rectification_on_time(world):
    from wulian.figures.selectors import dashboard

    figures_ = dashboard(world.areas["510100000000"]).figures
    # 青羊区's dispatch criticizes 苏坡街道 (verified in time), 武侯区's 玉林街道 (not yet reported).
    assert (
        figures_["dispatches.criticisms"],
        figures_["dispatches.rectified"],
        figures_["dispatches.rectified_on_time"],
    ) == (2, 1, 1)
    assert figures.check() == []
