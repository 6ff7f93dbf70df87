"""Work across levels: an org invited to an upper level's meeting, or made lead or co-operating
org of one of its action items, opens it; staff of an area see what their area's orgs were invited
to or lead, wherever the meeting was held. Everyone else still gets 404."""

import datetime as dt

import pytest
from django.utils import timezone

from wulian.meetings import services
from wulian.meetings.models import ActionItem, ActionStatus, JointMeeting
from wulian.meetings.tests.factories import item_led_by, present
from wulian.notifications.models import Notification
from wulian.web.demo import QINGYANG, XIYUHE
from wulian.web.testing import bearer

STREET_TOPIC = (
    "西御河街道物业矛盾化解党建联席会议"  # the demo's closed street meeting, invites 西华门社区党委
)
DISTRICT_TOPIC = (
    "青羊区老旧院落治理党建联席会议"  # the demo's coming district meeting, invites 西御河街道
)


def _street():
    return JointMeeting.objects.get(topic=STREET_TOPIC)


def _xihuamen_item():
    return ActionItem.objects.get(title="建立社区物业矛盾调解室")  # led by 西华门社区党委


@pytest.mark.parametrize("username", ["xihuamen_admin", "xihuamen_staff"])
def test_an_invited_community_opens_the_street_meeting_its_minutes_and_calendar(
    world, client, username
):
    meeting = _street()
    client.force_login(world.users[username])
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "会议通报了辖区上半年物业矛盾纠纷情况" in body  # the minutes
    assert "西华门社区建立物业矛盾调解室" in body  # a decision
    assert client.get(f"/meetings/{meeting.pk}/minutes.pdf").status_code == 200
    assert client.get(f"/meetings/{meeting.pk}/meeting.ics").status_code == 200
    assert STREET_TOPIC in client.get("/meetings/").content.decode()


def test_an_invited_community_opens_the_street_meeting_over_the_api(world, client):
    meeting = _street()
    response = client.get(
        f"/api/v1/meetings/{meeting.pk}/", **bearer(world.users["xihuamen_admin"])
    )
    assert response.status_code == 200
    assert response.json()["topic"] == STREET_TOPIC


def test_a_street_opens_the_district_meeting_it_was_invited_to_from_its_tile(world, client):
    district = JointMeeting.objects.get(topic=DISTRICT_TOPIC)
    client.force_login(world.users["xiyuhe_admin"])
    assert client.get(f"/meetings/{district.pk}/").status_code == 200
    assert DISTRICT_TOPIC in client.get("/meetings/?invited=1").content.decode()


def test_the_lead_community_opens_reports_on_and_closes_its_action_item(world, client):
    item = _xihuamen_item()
    client.force_login(world.users["xihuamen_admin"])
    assert client.get(f"/meetings/actions/{item.pk}/").status_code == 200
    assert "建立社区物业矛盾调解室" in client.get("/meetings/actions/?mine=1").content.decode()
    client.post(f"/meetings/actions/{item.pk}/progress/", {"text": "调解室选址已确定"})
    client.post(f"/meetings/actions/{item.pk}/done/", {"text": "调解室已挂牌，值班表已公布"})
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE
    assert list(item.events.values_list("kind", flat=True)) == ["created", "progress", "done"]


def test_the_lead_community_reports_over_the_api(world, client):
    item = _xihuamen_item()
    headers = bearer(world.users["xihuamen_admin"])
    assert client.get(f"/api/v1/meetings/action-items/{item.pk}/", **headers).status_code == 200
    response = client.post(
        f"/api/v1/meetings/action-items/{item.pk}/progress/",
        data={"text": "已选址"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    assert [e["kind"] for e in response.json()["events"]] == ["created", "progress"]


def test_the_notification_link_of_a_new_action_item_opens_for_the_lead_org(
    world, client, django_capture_on_commit_callbacks
):
    admin = world.users["xiyuhe_admin"]
    start = timezone.now() - dt.timedelta(hours=1)
    meeting = services.convene_meeting(
        by=admin,
        area=world.areas[XIYUHE],
        topic="院落议事",
        place="街道",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        invite_orgs=[world.orgs["xihuamen"]],
    )
    present(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_meeting(
            meeting=meeting,
            by=admin,
            host="王主任",
            recorder="李干事",
            minutes="议定。",
            decisions=[
                {
                    "text": "挂牌",
                    "action_items": [
                        {
                            "lead_org": world.orgs["xihuamen"],
                            "co_orgs": [],
                            "responsible": "李书记",
                            "due_on": timezone.localdate() + dt.timedelta(days=5),
                            "done_criteria": "挂牌",
                        }
                    ],
                }
            ],
        )
    note = Notification.objects.get(
        user=world.users["xihuamen_staff"], kind="action_item.new", title__contains="挂牌"
    )
    client.force_login(world.users["xihuamen_staff"])
    assert client.get(note.url).status_code == 200


def test_area_staff_see_what_their_areas_orgs_lead_at_any_level(world, client):
    """A district meeting tasks 四川省图书馆 (located in 西华门社区): 西华门 and 西御河 staff see the
    item and its meeting; a community elsewhere does not."""
    item = item_led_by(
        by=world.users["qingyang_admin"],
        area=world.areas[QINGYANG],
        lead_org=world.orgs["library"],
        topic="区级文化惠民联席会议",
        text="开放",
        due_in_days=5,
    )
    meeting = item.decision.meeting
    for username in ("xihuamen_admin", "xiyuhe_admin", "library_contact"):
        client.force_login(world.users[username])
        assert client.get(f"/meetings/actions/{item.pk}/").status_code == 200, username
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 200, username
    for username in ("qingyuan_admin", "hongmenjie_admin", "huaxi_contact", "wuhou_admin"):
        client.force_login(world.users[username])
        assert client.get(f"/meetings/actions/{item.pk}/").status_code == 404, username
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 404, username


@pytest.mark.parametrize(
    "username", ["hongmenjie_admin", "wuhou_admin", "huaxi_contact", "library_contact"]
)
def test_uninvited_orgs_still_get_404(world, client, username):
    meeting, item = _street(), _xihuamen_item()
    client.force_login(world.users[username])
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/minutes.pdf").status_code == 404
    assert client.get(f"/meetings/actions/{item.pk}/").status_code == 404
    assert (
        client.get(f"/api/v1/meetings/{meeting.pk}/", **bearer(world.users[username])).status_code
        == 404
    )


def test_an_invited_org_cannot_report_on_an_item_it_neither_leads_nor_supports(world, client):
    """西华门 sees the street meeting; the property manager's item is not its to report on."""
    item = ActionItem.objects.get(title="公示物业服务收费标准和服务内容")
    client.force_login(world.users["xihuamen_admin"])
    assert client.get(f"/meetings/actions/{item.pk}/").status_code == 404
    response = client.post(f"/meetings/actions/{item.pk}/progress/", {"text": "代报"})
    assert response.status_code == 404
    assert item.events.filter(kind="progress", text="代报").count() == 0


def test_area_staff_see_but_do_not_report_for_their_areas_orgs(world, client):
    """西御河 staff see 西华门's item led at a district meeting, but only 西华门 reports on it."""
    item = _xihuamen_item()
    client.force_login(
        world.users["qingyuan_admin"]
    )  # 清源物业 (in 清源) was invited: the meeting, not this item
    assert client.get(f"/meetings/actions/{item.pk}/").status_code == 404
    client.force_login(world.users["xiyuhe_admin"])
    page = client.get(f"/meetings/actions/{item.pk}/").content.decode()
    assert 'id="progress-form"' not in page
    before = item.events.count()
    client.post(f"/meetings/actions/{item.pk}/progress/", {"text": "街道代报"})
    assert item.events.count() == before


def test_a_decision_forwarded_down_opens_its_source_meeting_to_the_lower_level(world, client):
    """青羊区 forwards a decision to 西御河街道's coming meeting: the street follows the lineage link
    ("转自 …") to the district meeting; another district's staff do not."""
    district_admin, street_admin = world.users["qingyang_admin"], world.users["xiyuhe_admin"]
    start = timezone.now() - dt.timedelta(hours=1)
    source = services.convene_meeting(
        by=district_admin,
        area=world.areas[QINGYANG],
        topic="区级院落治理会",
        place="区",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    present(source)
    services.close_meeting(
        meeting=source,
        by=district_admin,
        host="区领导",
        recorder="区干事",
        minutes="议定。",
        decisions=[{"text": "各街道推进院落自治"}],
    )
    later = timezone.now() + dt.timedelta(days=3)
    street = services.convene_meeting(
        by=street_admin,
        area=world.areas[XIYUHE],
        topic="街道院落自治推进会",
        place="街道",
        starts_at=later,
        ends_at=later + dt.timedelta(hours=1),
    )
    services.forward_decision(decision=source.decisions.get(), to_meeting=street, by=district_admin)
    client.force_login(street_admin)
    assert (
        f'href="/meetings/{source.pk}/"' in client.get(f"/meetings/{street.pk}/").content.decode()
    )
    assert client.get(f"/meetings/{source.pk}/").status_code == 200
    client.force_login(world.users["wuhou_admin"])
    assert client.get(f"/meetings/{source.pk}/").status_code == 404
