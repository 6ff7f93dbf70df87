import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.meetings import services
from wulian.web.demo import QINGYANG, WUHOU, XIHUAMEN


def _meeting(world, user, area, topic):
    start = timezone.now() + dt.timedelta(days=5)
    return services.convene_meeting(
        by=world.users[user],
        area=world.areas[area],
        topic=topic,
        place="会议室",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )


def test_a_decision_forwarded_up_shows_its_lineage_both_ways(world, closed_meeting, client):
    district = _meeting(world, "qingyang_admin", QINGYANG, "区级会议")
    decision = closed_meeting.decisions.get()
    agenda = services.forward_decision(
        decision=decision, to_meeting=district, by=world.users["xiyuhe_admin"]
    )
    assert (agenda.meeting, agenda.source_decision) == (district, decision)
    assert list(decision.forwarded_as.all()) == [agenda]
    client.force_login(world.users["qingyang_admin"])
    upper = client.get(f"/meetings/{district.pk}/").content.decode()
    assert "转自" in upper
    assert closed_meeting.topic in upper
    client.force_login(world.users["xiyuhe_admin"])
    lower = client.get(f"/meetings/{closed_meeting.pk}/").content.decode()
    assert "已转至" in lower
    assert "区级会议" in lower


def test_a_decision_forwarded_down_lands_on_a_community_meeting(world, closed_meeting):
    community = _meeting(world, "xihuamen_admin", XIHUAMEN, "社区会议")
    agenda = services.forward_decision(
        decision=closed_meeting.decisions.get(),
        to_meeting=community,
        by=world.users["xiyuhe_admin"],
    )
    assert agenda.meeting == community


def test_forwarding_skips_no_level_and_happens_once(world, closed_meeting):
    decision = closed_meeting.decisions.get()
    wuhou = _meeting(world, "wuhou_admin", WUHOU, "武侯区会议")
    with pytest.raises(ValidationError) as exc:
        services.forward_decision(
            decision=decision, to_meeting=wuhou, by=world.users["xiyuhe_admin"]
        )
    assert "上一级或下一级" in exc.value.message_dict["to_meeting"][0]
    district = _meeting(world, "qingyang_admin", QINGYANG, "区级会议")
    services.forward_decision(
        decision=decision, to_meeting=district, by=world.users["xiyuhe_admin"]
    )
    with pytest.raises(ValidationError) as exc:
        services.forward_decision(
            decision=decision, to_meeting=district, by=world.users["xiyuhe_admin"]
        )
    assert "已转入" in exc.value.message_dict["to_meeting"][0]
    assert decision.forwarded_as.count() == 1
