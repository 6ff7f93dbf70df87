"""Joint meetings' attendances (recorded by staff or checked in by QR code) are counted at the
meeting's area and its ancestors, in the month of the check-in."""

import datetime as dt

import pytest
from django.utils import timezone

from wulian.figures import services as figures
from wulian.figures.models import ALL_TIME
from wulian.figures.selectors import counter_value
from wulian.meetings import services
from wulian.web.demo import XIYUHE

pytestmark = pytest.mark.django_db

KEY = "meetings.attendances"


def _values(areas, period=ALL_TIME) -> list[int]:
    return [counter_value(a, KEY, period) for a in areas]


@pytest.fixture
def meeting(world):
    """A joint meeting of 西御河街道 that started an hour ago, with 四川省图书馆 invited."""
    start = timezone.now() - dt.timedelta(hours=1)
    return services.convene_meeting(
        by=world.users["xiyuhe_admin"],
        area=world.areas[XIYUHE],
        topic="计数联席会议",
        place="街道会议室",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[world.orgs["library"]],
    )


def test_recorded_and_checked_in_attendances_count_once_each_at_every_level(world, meeting):
    chain = world.areas[XIYUHE].ancestors(include_self=True)
    month = timezone.localdate().strftime("%Y-%m")
    before, before_month = _values(chain), _values(chain, month)

    services.record_attendance(
        meeting=meeting,
        by=world.users["xiyuhe_admin"],
        name="张科长",
        org=world.orgs["dept_housing"],
    )
    token = services.checkin_token(meeting)
    first, created = services.checkin(token=token, by=world.users["library_contact"], name="赵馆员")
    again, created_again = services.checkin(
        token=token, by=world.users["library_contact"]
    )  # a second scan

    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert _values(chain) == [n + 2 for n in before]
    assert _values(chain, month) == [n + 2 for n in before_month]
    assert figures.check() == []


def test_a_refused_attendance_changes_no_counter(world, meeting):
    from django.core.exceptions import ValidationError

    chain = world.areas[XIYUHE].ancestors(include_self=True)
    services.record_attendance(
        meeting=meeting,
        by=world.users["xiyuhe_admin"],
        name="张科长",
        org=world.orgs["dept_housing"],
    )
    before = _values(chain)
    with pytest.raises(ValidationError):  # the same person for the same org twice
        services.record_attendance(
            meeting=meeting,
            by=world.users["xiyuhe_admin"],
            name="张科长",
            org=world.orgs["dept_housing"],
        )
    with pytest.raises(ValidationError):  # not invited
        services.checkin(token=services.checkin_token(meeting), by=world.users["huaxi_contact"])
    assert _values(chain) == before
    assert figures.check() == []


def test_the_demos_seven_attendances_are_on_the_street_dashboard(world):
    from wulian.figures.selectors import dashboard

    # 西御河街道's property-dispute meeting: six people recorded, moved back a month with it; and
    # last month's on-site meeting (schedules' demo): one, recorded before it was closed.
    assert dashboard(world.areas[XIYUHE]).figures[KEY] == 7
    assert figures.check() == []
