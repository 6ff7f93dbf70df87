import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.alliances import services, tasks
from wulian.alliances.models import PartTimeMember
from wulian.alliances.selectors import visible_part_time_members, with_led_figures
from wulian.notifications.models import Notification

START, END = dt.date(2030, 1, 1), dt.date(2032, 12, 31)


def _appoint(world, **kwargs):
    args = {
        "by": world.users["xihuamen_admin"],
        "person": world.people["zhang_min"],
        "unit": world.orgs["library"],
        "committee": world.orgs["xihuamen"],
        "post": "兼职委员",
        "duties": "阅读推广",
        "term_start": START,
        "term_end": END,
    } | kwargs
    return services.appoint_part_time_member(**args)


def test_a_unit_leader_serves_on_the_community_committee(world):
    member = _appoint(world)
    assert (member.area, member.post) == (world.orgs["xihuamen"].leads, "兼职委员")
    street = _appoint(
        world,
        by=world.users["xiyuhe_admin"],
        committee=world.orgs["xiyuhe"],
        person=world.people["chen_li"],
        unit=world.orgs["museum"],
    )
    assert street.area.level == "street"
    # lists per committee and per unit
    staff = world.users["xiyuhe_admin"]
    mine = visible_part_time_members(staff).filter(pk__in=[member.pk, street.pk])
    assert list(mine.filter(committee=world.orgs["xihuamen"])) == [member]
    assert list(mine.filter(unit=world.orgs["museum"])) == [street]
    assert set(
        visible_part_time_members(world.users["library_contact"]).filter(
            pk__in=[member.pk, street.pk]
        )
    ) == {member}


def _refused(world, field, message, **kwargs):
    before = PartTimeMember.objects.count()
    with pytest.raises(ValidationError) as exc:
        _appoint(world, **kwargs)
    assert exc.value.message_dict == {field: [message]}
    assert PartTimeMember.objects.count() == before


def test_a_term_that_ends_before_it_starts_is_refused(world):
    _refused(
        world,
        "term_end",
        "任期结束日期（2029-12-31）早于开始日期（2030-01-01）。",
        term_end=dt.date(2029, 12, 31),
    )


def test_a_unit_outside_the_committees_area_is_refused(world):
    _refused(
        world,
        "unit",
        "四川大学华西医院位于黉门街社区，不在西华门社区党委领导的区域西华门社区内。",
        unit=world.orgs["huaxi"],
    )


def test_the_committee_must_be_a_street_or_community_party_org(world):
    _refused(
        world, "committee", "兼职的党组织必须是街道或社区党组织。", committee=world.orgs["museum"]
    )


def test_a_staff_member_may_not_appoint(world):
    with pytest.raises(PermissionDenied):
        _appoint(world, by=world.users["xihuamen_staff"])


def test_led_activities_count_attendance(world):
    member = _appoint(world)
    services.record_led_activity(
        by=world.users["xihuamen_staff"],
        member=member,
        title="坝坝党课",
        held_on=dt.date(2031, 4, 1),
        attendance=45,
    )
    services.record_led_activity(
        by=None, member=member, title="流动红色讲堂", held_on=dt.date(2031, 5, 1), attendance=30
    )
    row = with_led_figures(PartTimeMember.objects.filter(pk=member.pk)).get()
    assert (row.activity_count, row.attendance_total) == (2, 75)
    with pytest.raises(ValidationError):
        services.record_led_activity(
            by=None, member=member, title="x", held_on=dt.date(2031, 5, 1), attendance=-3
        )


def test_term_ending_reminder_is_sent_exactly_once_per_term(
    world, django_capture_on_commit_callbacks
):
    member = _appoint(world)

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.remind_ending_terms.call_local()

    def reminders():
        return list(
            Notification.objects.filter(
                kind="part_time.term_ending", url=f"/alliances/part-time/{member.pk}/"
            ).values_list("user__username", flat=True)
        )

    with time_machine.travel(
        dt.datetime(2032, 11, 30, 2, 0, tzinfo=dt.UTC)
    ):  # 31 days before the end
        assert run() == 0
    with time_machine.travel(dt.datetime(2032, 12, 2, 2, 0, tzinfo=dt.UTC)):
        assert run() == 1
        assert run() == 0
    with time_machine.travel(dt.datetime(2032, 12, 20, 2, 0, tzinfo=dt.UTC)):
        assert run() == 0
    assert reminders() == ["xihuamen_admin"]
    services.renew_term(
        by=world.users["xihuamen_admin"],
        member=member,
        term_start=dt.date(2033, 1, 1),
        term_end=dt.date(2035, 12, 31),
    )
    with time_machine.travel(dt.datetime(2035, 12, 10, 2, 0, tzinfo=dt.UTC)):
        assert run() == 1
        assert run() == 0
    assert reminders() == ["xihuamen_admin", "xihuamen_admin"]
