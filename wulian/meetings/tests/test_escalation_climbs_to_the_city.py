"""Issue 9, defect 2: an overdue item escalated one level and stopped. It climbs the tree one
level per further overdue period, up to the city, exactly once per level; the owner and every
level it reached are told each time."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from wulian.meetings import services
from wulian.meetings.models import ActionEvent
from wulian.meetings.tasks import escalate_overdue_action_items
from wulian.meetings.tests.factories import item_led_by
from wulian.notifications.models import Notification
from wulian.web.demo import XIHUAMEN


def _run_job_twice():
    for _ in range(2):
        result = escalate_overdue_action_items()
        result.get() if hasattr(result, "get") else result


@pytest.fixture
def community_item(world):
    """An item of a 西华门社区 meeting, led by 四川省图书馆, due in 10 days."""
    return item_led_by(
        by=world.users["xihuamen_admin"],
        area=world.areas[XIHUAMEN],
        lead_org=world.orgs["library"],
        topic="院落议事",
        text="开放社区阅览室",
        due_in_days=10,
    )


def _overdue_by(item, days):
    """A moment at which the item is ``days`` calendar days overdue (Asia/Shanghai noon)."""
    day = item.due_on + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _told(world, username, item):
    return Notification.objects.filter(
        user=world.users[username], kind="action_item.escalated", title__contains=item.title
    ).count()


def test_an_overdue_item_climbs_one_level_per_period_to_the_city_once_per_level(
    world, community_item, settings, django_capture_on_commit_callbacks
):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = community_item
    steps = [(4, "xiyuhe"), (7, "qingyang_gc"), (10, "city_gc")]
    for n, (days, org) in enumerate(steps, start=1):
        with (
            time_machine.travel(_overdue_by(item, days), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            _run_job_twice()
        item.refresh_from_db()
        assert (item.escalation_level, item.escalated_to) == (n, world.orgs[org])
        events = ActionEvent.objects.filter(item=item, kind="escalated").order_by("id")
        assert [e.by_org for e in events] == [world.orgs[o] for _d, o in steps[:n]]
    # Nothing above the city: later runs change nothing.
    with (
        time_machine.travel(_overdue_by(item, 30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _run_job_twice()
    item.refresh_from_db()
    assert item.escalation_level == 3
    assert ActionEvent.objects.filter(item=item, kind="escalated").count() == 3
    assert [
        e.to_area.code
        for e in ActionEvent.objects.filter(item=item, kind="escalated").order_by("id")
    ] == ["510105003000", "510105000000", "510100000000"]
    # The owner and every level reached are told at each step; the convener too.
    assert _told(world, "library_contact", item) == 3
    assert _told(world, "xihuamen_admin", item) == 3
    assert _told(world, "xiyuhe_admin", item) == 3
    assert _told(world, "qingyang_admin", item) == 2
    assert _told(world, "city_admin", item) == 1


def test_within_a_level_s_period_nothing_more_happens(world, community_item, settings):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = community_item
    with time_machine.travel(_overdue_by(item, 6), tick=False):
        _run_job_twice()
    item.refresh_from_db()
    assert (item.escalation_level, item.escalated_to) == (1, world.orgs["xiyuhe"])


def test_a_long_stopped_job_catches_up_one_event_per_level(world, community_item, settings):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = community_item
    with time_machine.travel(_overdue_by(item, 8), tick=False):
        _run_job_twice()
    item.refresh_from_db()
    assert (item.escalation_level, item.escalated_to) == (2, world.orgs["qingyang_gc"])
    assert ActionEvent.objects.filter(item=item, kind="escalated").count() == 2


def test_an_item_done_in_time_stops_climbing(world, community_item, settings):
    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    item = community_item
    with time_machine.travel(_overdue_by(item, 4), tick=False):
        _run_job_twice()
        services.mark_done(item=item, by=world.users["library_contact"], text="已开放")
    with time_machine.travel(_overdue_by(item, 20), tick=False):
        _run_job_twice()
    item.refresh_from_db()
    assert item.escalation_level == 1


def test_every_level_reached_keeps_it_on_its_to_do_list(world, community_item, settings):
    from wulian.meetings.selectors import todos

    settings.WULIAN_ACTION_ITEM_GRACE_DAYS = 3
    with time_machine.travel(_overdue_by(community_item, 10), tick=False):
        _run_job_twice()
    for username in ("xiyuhe_admin", "qingyang_admin", "city_admin"):
        counts = {t["label"]: t["count"] for t in todos(world.users[username])}
        assert counts["下级升级督办的事项"] >= 1, username
