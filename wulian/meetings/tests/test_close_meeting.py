import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.meetings import services
from wulian.meetings.models import ActionItem, Decision, JointMeeting, MeetingStatus
from wulian.meetings.tests.conftest import action
from wulian.meetings.tests.factories import present
from wulian.notifications.models import Notification


def _close(world, meeting, decisions):
    """The street's admin closes ``meeting`` with these decisions (host, recorder, minutes set)."""
    return services.close_meeting(
        meeting=meeting,
        by=world.users["xiyuhe_admin"],
        host="王主任",
        recorder="李干事",
        minutes="纪要",
        decisions=decisions,
    )


def _counts():
    return (
        Decision.objects.count(),
        ActionItem.objects.count(),
        AuditEntry.objects.count(),
        Notification.objects.count(),
    )


def test_closing_records_minutes_decisions_and_action_items(
    world, street_meeting, django_capture_on_commit_callbacks
):
    present(street_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_meeting(
            meeting=street_meeting,
            by=world.users["xiyuhe_admin"],
            minutes="纪要",
            host="王主任",
            recorder="李干事",
            decisions=[
                {"text": "督促物业整改", "action_items": [action(world)]},
                {"text": "定期通报"},
            ],
        )
    street_meeting.refresh_from_db()
    assert street_meeting.status == MeetingStatus.CLOSED
    assert (street_meeting.minutes, street_meeting.host, street_meeting.recorder) == (
        "纪要",
        "王主任",
        "李干事",
    )
    assert [d.text for d in street_meeting.decisions.all()] == ["督促物业整改", "定期通报"]
    item = ActionItem.objects.get(decision__meeting=street_meeting)
    assert item.lead_org == world.orgs["qingyuan_pm"]
    assert list(item.co_orgs.all()) == [world.orgs["dept_housing"]]
    assert [e.kind for e in item.events.all()] == ["created"]
    assert (
        AuditEntry.objects.filter(action="meeting.close", object_id=str(street_meeting.pk)).count()
        == 1
    )


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"responsible": ""}, "请填写责任人"),
        ({"lead_org": None}, "请选择牵头单位"),
        ({"due_on": dt.date(2020, 1, 1)}, "已过"),
    ],
)
def test_an_action_item_without_owner_or_with_past_due_date_is_refused_and_nothing_written(
    world, street_meeting, bad, message
):
    present(street_meeting)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _close(
            world,
            street_meeting,
            [
                {"text": "甲", "action_items": [action(world)]},
                {"text": "乙", "action_items": [action(world, **bad)]},
            ],
        )
    assert message in " ".join(exc.value.message_dict["decisions"])
    assert "第2项议定事项的第1项督办" in " ".join(exc.value.message_dict["decisions"])
    assert _counts() == before
    assert JointMeeting.objects.get(pk=street_meeting.pk).status == MeetingStatus.SCHEDULED


def test_a_meeting_closes_only_once(world, closed_meeting):
    before = _counts()
    with pytest.raises(ValidationError):
        services.close_meeting(
            meeting=closed_meeting,
            by=world.users["xiyuhe_admin"],
            host="王主任",
            recorder="李干事",
            minutes="再来",
            decisions=[{"text": "x"}],
        )
    assert _counts() == before


def test_only_the_convening_org_closes_a_meeting_others_are_refused_as_a_matter_of_rights(
    world, street_meeting
):
    before = _counts()
    with pytest.raises(PermissionDenied) as exc:
        services.close_meeting(
            meeting=street_meeting,
            by=world.users["qingyang_admin"],
            host="王主任",
            recorder="李干事",
            minutes="纪要",
            decisions=[],
        )
    assert (
        str(exc.value) == "只有召集单位“中共成都市青羊区西御河街道工作委员会”的人员可以进行此操作。"
    )
    assert _counts() == before


def test_a_new_action_item_lands_on_the_lead_orgs_todos_and_notifies_its_users(
    world, street_meeting, pm_contact, django_capture_on_commit_callbacks
):
    from wulian.core.todos import todos_for

    def todo_count():
        return [t["count"] for t in todos_for(pm_contact) if t["label"] == "本单位牵头的督办事项"]

    before = todo_count()
    notes = Notification.objects.filter(user=pm_contact, kind="action_item.new").count()
    present(street_meeting)
    with django_capture_on_commit_callbacks(execute=True):
        _close(world, street_meeting, [{"text": "整改", "action_items": [action(world)]}])
    assert Notification.objects.filter(user=pm_contact, kind="action_item.new").count() == notes + 1
    assert todo_count() == [before[0] + 1]


def test_a_lead_org_outside_the_meetings_reach_is_refused(world, street_meeting):
    present(street_meeting)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _close(
            world,
            street_meeting,
            [{"text": "义诊", "action_items": [action(world, lead_org=world.orgs["huaxi"])]}],
        )
    assert "不在本级会议的范围内" in exc.value.message_dict["decisions"][0]
    assert _counts() == before


def test_closing_needs_a_host_and_a_recorder_unless_named_at_convening(world, street_meeting):
    present(street_meeting)
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        services.close_meeting(
            meeting=street_meeting,
            by=world.users["xiyuhe_admin"],
            minutes="纪要",
            decisions=[{"text": "甲"}],
        )
    assert (exc.value.message_dict["host"], exc.value.message_dict["recorder"]) == (
        ["请填写主持人。"],
        ["请填写记录人。"],
    )
    assert _counts() == before
    JointMeeting.objects.filter(pk=street_meeting.pk).update(host="王主任", recorder="李干事")
    street_meeting.refresh_from_db()
    services.close_meeting(
        meeting=street_meeting,
        by=world.users["xiyuhe_admin"],
        minutes="纪要",
        decisions=[{"text": "甲"}],
    )
    street_meeting.refresh_from_db()
    assert (street_meeting.status, street_meeting.host, street_meeting.recorder) == (
        MeetingStatus.CLOSED,
        "王主任",
        "李干事",
    )


def test_closing_takes_any_number_of_decisions(world, street_meeting):
    present(street_meeting)
    _close(world, street_meeting, [{"text": f"议定{i}"} for i in range(1, 8)])
    assert [d.position for d in street_meeting.decisions.all()] == [1, 2, 3, 4, 5, 6, 7]
