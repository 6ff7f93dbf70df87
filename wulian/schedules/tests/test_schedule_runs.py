"""The schedule job: one meeting or inspection per area, kind and period however often it runs;
past periods that did not happen are flagged missed, once, and the level's staff told."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from wulian.dispatches import services as dispatches
from wulian.meetings import services as meetings
from wulian.meetings.tests.factories import present
from wulian.notifications.models import Notification
from wulian.schedules import services
from wulian.schedules.models import Occurrence, Schedule
from wulian.web.demo import QINGYANG, XIHUAMEN, XIYUHE

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(world):
    """No demo schedules: the tests set up their own."""
    Occurrence.objects.all().delete()
    Schedule.objects.all().delete()


@pytest.fixture
def onsite(world, fresh):
    return services.create_schedule(
        by=world.users["xiyuhe_admin"],
        area=world.areas[XIYUHE],
        kind="onsite_meeting",
        day=10,
        place="西华门社区院落",
    )


@pytest.fixture
def inspection(world, fresh):
    return services.create_schedule(
        by=world.users["qingyang_admin"],
        area=world.areas[QINGYANG],
        kind="inspection",
        day=5,
        target=world.orgs["xiyuhe"],
    )


def test_periods_are_months_and_quarters():
    assert services.period_of("onsite_meeting", dt.date(2026, 2, 14)) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )
    assert services.period_of("inspection", dt.date(2026, 12, 31)) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )
    assert services.period_of("inspection", dt.date(2026, 4, 1)) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 6, 30),
    )


def test_running_twice_makes_each_period_once(world, onsite, inspection):
    made = services.make_due(today=dt.date(2026, 4, 1))
    again = services.make_due(today=dt.date(2026, 4, 20))
    assert again == []
    rows = list(
        Occurrence.objects.order_by("kind").values_list("kind", "period_start", "period_end")
    )
    assert rows == [
        ("inspection", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("onsite_meeting", dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
    ]
    meeting = next(o.meeting for o in made if o.meeting_id)
    assert (meeting.convener, meeting.topic, meeting.place) == (
        world.orgs["xiyuhe"],
        "西御河街道2026年4月现场推进会（一月一现场会）",
        "西华门社区院落",
    )
    check = next(o.inspection for o in made if o.inspection_id)
    assert (check.kind, check.target, check.scheduled_on, check.by_org) == (
        "supervision",
        world.orgs["xiyuhe"],
        dt.date(2026, 4, 5),
        world.orgs["qingyang_gc"],
    )
    services.make_due(today=dt.date(2026, 5, 1))
    assert Occurrence.objects.count() == 3


def test_the_database_holds_one_per_area_kind_and_period(world, onsite):
    first = services.make_due(today=dt.date(2026, 4, 1))[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Occurrence.objects.create(
            schedule=onsite,
            area=onsite.area,
            kind=onsite.kind,
            period_start=first.period_start,
            period_end=first.period_end,
            meeting=first.meeting,
        )


def test_past_periods_not_held_are_flagged_once_and_the_level_told(
    world, onsite, inspection, django_capture_on_commit_callbacks
):
    services.make_due(today=dt.date(2026, 4, 1))
    last = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert services.flag_missed(today=dt.date(2026, 4, 30)) == []
    with django_capture_on_commit_callbacks(execute=True):
        missed = services.flag_missed(today=dt.date(2026, 5, 1))
    assert [(o.kind, o.status) for o in missed] == [("onsite_meeting", "missed")]
    told = list(
        Notification.objects.filter(id__gt=last).values_list("kind", "user__username", "title")
    )
    assert told == [("schedule.missed", "xiyuhe_admin", "西御河街道2026-04的一月一现场会未落实")]
    assert services.flag_missed(today=dt.date(2026, 7, 2))[0].kind == "inspection"
    assert services.flag_missed(today=dt.date(2026, 7, 3)) == []


def test_a_closed_meeting_and_a_done_inspection_are_not_missed(world, onsite, inspection):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 4, 10, 10, 0, tzinfo=dt.UTC)):
        made = services.make_due(today=dt.date(2026, 4, 1))
        meeting = next(o.meeting for o in made if o.meeting_id)
        meeting.refresh_from_db()
        present(meeting)
        meetings.close_meeting(
            meeting=meeting,
            by=world.users["xiyuhe_admin"],
            minutes="现场查看。",
            decisions=[],
            host="王书记",
            recorder="李干事",
        )
        check = next(o.inspection for o in made if o.inspection_id)
        dispatches.record_inspection(
            by=world.users["qingyang_admin"],
            inspection=check,
            results=[{"item": i, "ok": True} for i in services.CHECKLIST],
            notes="良好",
        )
    assert services.flag_missed(today=dt.date(2026, 8, 1)) == []
    assert sorted(o.status for o in Occurrence.objects.all()) == ["held", "held"]


def test_a_schedule_is_one_per_area_and_kind_and_bad_input_is_named(world, onsite):
    with pytest.raises(ValidationError) as exc:
        services.create_schedule(
            by=world.users["xiyuhe_admin"],
            area=world.areas[XIYUHE],
            kind="onsite_meeting",
            day=3,
            place="别处",
        )
    assert exc.value.message_dict == {"kind": ["西御河街道已有一月一现场会计划。"]}
    with pytest.raises(ValidationError) as exc:
        services.create_schedule(
            by=world.users["xiyuhe_admin"], area=world.areas[XIYUHE], kind="inspection", day=31
        )
    assert exc.value.message_dict == {
        "day": ["计划日应在1到28之间。"],
        "target": ["请选择被督导单位。"],
    }
    with pytest.raises(ValidationError) as exc:
        services.create_schedule(
            by=None, area=world.areas[XIHUAMEN], kind="onsite_meeting", day=3, place="x"
        )
    assert exc.value.message_dict == {"area": ["现场会与督导计划按街道、区（市）县或市设置。"]}
    assert Schedule.objects.count() == 1


def test_the_missed_list_filters(world, onsite, inspection, client):
    services.make_due(today=dt.date(2026, 4, 1))
    services.flag_missed(today=dt.date(2026, 5, 1))
    client.force_login(world.users["qingyang_admin"])
    page = client.get(reverse("schedules:occurrences"), {"status": "missed"}).content.decode()
    assert page.count('<td class="occurrence-status">') == 1
    assert "西御河街道2026年4月现场推进会" in page
    page = client.get(
        reverse("schedules:occurrences"), {"status": "planned", "kind": "inspection"}
    ).content.decode()
    assert page.count('<td class="occurrence-status">') == 1
    assert "定期督导" in page
