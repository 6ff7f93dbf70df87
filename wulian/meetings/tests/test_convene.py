import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.core.todos import todos_for
from wulian.meetings import services
from wulian.meetings.models import Invitation, JointMeeting
from wulian.notifications.models import Notification
from wulian.web.demo import HONGMENJIE, XIHUAMEN, XIYUHE


def _counts():
    return JointMeeting.objects.count(), Invitation.objects.count(), AuditEntry.objects.count()


def _convene(world, user="xihuamen_admin", area=XIHUAMEN, **over):
    start = timezone.now() + dt.timedelta(days=2)
    data = dict(
        by=world.users[user],
        area=world.areas[area],
        topic="院落议事",
        place="党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[world.orgs["library"]],
    )
    data.update(over)
    return services.convene_meeting(**data)


def test_convening_invites_orgs_into_their_todos_and_notifications(
    world, django_capture_on_commit_callbacks
):
    contact = world.users["library_contact"]
    before = [t["count"] for t in todos_for(contact) if t["label"] == "联席会议邀请"]
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _convene(world)
    assert meeting.convener == world.orgs["xihuamen"]
    assert [i.org for i in meeting.invitations.all()] == [world.orgs["library"]]
    assert (
        Notification.objects.filter(
            user=contact, kind="meeting.invitation", title__contains="院落议事"
        ).count()
        == 1
    )
    assert [t["count"] for t in todos_for(contact) if t["label"] == "联席会议邀请"] == [
        before[0] + 1
    ]
    assert (
        AuditEntry.objects.filter(action="meeting.create", object_id=str(meeting.pk)).count() == 1
    )


def test_a_meeting_ending_before_it_starts_is_refused_and_nothing_written(world):
    before = _counts()
    start = timezone.now()
    with pytest.raises(ValidationError) as exc:
        _convene(world, starts_at=start, ends_at=start - dt.timedelta(hours=1))
    assert "结束时间" in exc.value.message_dict["ends_at"][0]
    assert _counts() == before


def test_only_the_levels_leading_org_or_committee_convenes(world):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _convene(world, convener=world.orgs["library"])
    assert "召集单位" in exc.value.message_dict["convener"][0]
    # A street admin may not convene as the community's party committee either.
    with pytest.raises(ValidationError):
        _convene(world, user="xiyuhe_admin", convener=world.orgs["xihuamen"])
    assert _counts() == before


def test_a_community_admin_cannot_convene_outside_its_community(world):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _convene(world, area=XIYUHE)
    with pytest.raises(PermissionDenied):
        _convene(world, area=HONGMENJIE)
    assert _counts() == before


def test_an_org_beyond_the_meetings_reach_cannot_be_invited(world):
    before = _counts()
    with pytest.raises(ValidationError) as exc:
        _convene(world, invite_orgs=[world.orgs["huaxi"]])
    assert "华西医院" in exc.value.message_dict["invite_orgs"][0]
    assert _counts() == before


def test_inviting_again_adds_only_the_new_invitees(world):
    meeting = _convene(world)
    services.invite(
        meeting=meeting,
        by=world.users["xihuamen_admin"],
        orgs=[world.orgs["library"], world.orgs["museum"]],
        people=[world.people["zhang_min"]],
    )
    assert sorted(str(i) for i in meeting.invitations.all()) == sorted(
        ["四川省图书馆", "成都博物馆", "张敏"]
    )


def test_a_case_of_the_area_goes_on_the_agenda_once(world):
    from wulian.cases.models import Case

    meeting = _convene(world)
    case = Case.objects.get(title="西华门街垃圾清运不及时")
    item = services.add_agenda_item(
        meeting=meeting, by=world.users["xihuamen_admin"], title="", case=case
    )
    assert item.title == case.title
    with pytest.raises(ValidationError):
        services.add_agenda_item(
            meeting=meeting, by=world.users["xihuamen_admin"], title="again", case=case
        )
    other = Case.objects.get(title="清源小区停车位分配矛盾")
    with pytest.raises(ValidationError) as exc:
        services.add_agenda_item(
            meeting=meeting, by=world.users["xihuamen_admin"], title="x", case=other
        )
    assert "不在本次会议的区域" in exc.value.message_dict["case"][0]
    assert list(meeting.agenda_items.values_list("case_id", flat=True)) == [None, case.pk][1:]
