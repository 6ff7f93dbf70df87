import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.councils import services
from wulian.councils.models import Council
from wulian.web.demo import XIHUAMEN

meetings = pytest.importorskip("wulian.meetings.models")


@pytest.fixture
def resolution(world):
    council = Council.objects.get(community__code=XIHUAMEN)
    topic = services.raise_topic(by=None, council=council, title="院落路灯维修")
    services.open_voting(by=None, topic=topic, quorum=1)
    services.record_offline_vote(
        by=None, topic=topic, member=council.members.get(seat=1), choice="yes"
    )
    services.close_voting(by=None, topic=topic)
    topic.refresh_from_db()
    return services.resolve_topic(by=None, topic=topic, text="维修西华门街8号院路灯6盏")


def test_a_resolution_becomes_an_action_item_of_a_street_joint_meeting(world, resolution):
    decision = meetings.Decision.objects.filter(
        meeting__area__code="510105003000", meeting__status="closed"
    ).first()
    due = timezone.localdate() + dt.timedelta(days=30)
    services.resolution_to_action_item(
        by=world.users["xiyuhe_admin"],
        resolution=resolution,
        decision=decision,
        lead_org=world.orgs["xihuamen"],
        responsible="李书记",
        due_on=due,
        done_criteria="路灯全部恢复照明",
    )
    resolution.refresh_from_db()
    item = meetings.ActionItem.objects.get(pk=resolution.action_item_id)
    assert (item.title, item.lead_org, item.due_on, item.decision) == (
        "院落路灯维修",
        world.orgs["xihuamen"],
        due,
        decision,
    )


def test_an_action_item_without_an_owner_is_refused_and_the_resolution_stays_unlinked(
    world, resolution
):
    decision = meetings.Decision.objects.filter(
        meeting__area__code="510105003000", meeting__status="closed"
    ).first()
    before = meetings.ActionItem.objects.count()
    with pytest.raises(ValidationError):
        services.resolution_to_action_item(
            by=world.users["xiyuhe_admin"],
            resolution=resolution,
            decision=decision,
            lead_org=None,
            responsible="",
            due_on=timezone.localdate() - dt.timedelta(days=1),
            done_criteria="x",
        )
    resolution.refresh_from_db()
    assert (resolution.action_item_id, meetings.ActionItem.objects.count()) == (None, before)
