import datetime as dt
import json

import pytest
from django.utils import timezone

from wulian.accounts.services import create_token
from wulian.meetings.models import ActionItem
from wulian.web.demo import XIYUHE


@pytest.fixture
def api(client, world):
    def call(user, method, url, body=None):
        u = user if not isinstance(user, str) else world.users[user]
        token = create_token(user=u, by=None)
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(url, **kwargs)

    return call


def test_the_whole_flow_over_the_api(api, world, pm_contact):
    start = timezone.now() - dt.timedelta(minutes=30)
    o = world.orgs
    created = api(
        "xiyuhe_admin",
        "post",
        "/api/v1/meetings/",
        {
            "area": XIYUHE,
            "topic": "接口会议",
            "place": "街道",
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "invite_orgs": [o["qingyuan_pm"].pk],
            "agenda": ["物业"],
        },
    )
    assert created.status_code == 201, created.content
    mid = created.json()["id"]
    assert (
        api(
            "xiyuhe_admin",
            "post",
            f"/api/v1/meetings/{mid}/attendances/",
            {"name": "陈经理", "org": o["qingyuan_pm"].pk},
        ).status_code
        == 201
    )

    def close(responsible: str, due_on: str, done_criteria: str):
        item = {
            "lead_org": o["qingyuan_pm"].pk,
            "responsible": responsible,
            "due_on": due_on,
            "done_criteria": done_criteria,
        }
        body = {
            "minutes": "纪要",
            "host": "王主任",
            "recorder": "李干事",
            "decisions": [{"text": "整改", "action_items": [item]}],
        }
        return api("xiyuhe_admin", "post", f"/api/v1/meetings/{mid}/close/", body)

    bad = close("", "2020-01-01", "x")
    assert bad.status_code == 422
    assert "责任人" in bad.json()["message"]
    closed = close("陈经理", (timezone.localdate() + dt.timedelta(days=5)).isoformat(), "公示")
    assert closed.status_code == 200
    item_id = closed.json()["decisions"][0]["action_items"][0]["id"]
    assert (
        api(
            pm_contact,
            "post",
            f"/api/v1/meetings/action-items/{item_id}/progress/",
            {"text": "进行中"},
        ).status_code
        == 200
    )
    assert (
        api(
            pm_contact, "post", f"/api/v1/meetings/action-items/{item_id}/done/", {"text": "完成"}
        ).json()["status"]
        == "done"
    )
    refused = api("qingyang_admin", "post", f"/api/v1/meetings/action-items/{item_id}/accept/", {})
    assert refused.status_code == 403
    accepted = api(
        "xiyuhe_admin", "post", f"/api/v1/meetings/action-items/{item_id}/accept/", {"note": "好"}
    )
    assert accepted.json()["status"] == "accepted"
    assert [e["kind"] for e in accepted.json()["events"]] == [
        "created",
        "progress",
        "done",
        "accepted",
    ]
    assert ActionItem.objects.get(pk=item_id).accepted_by == world.users["xiyuhe_admin"]


def test_checkin_over_the_api_is_once(api, world, street_meeting):
    from wulian.meetings.services import checkin_token

    token = checkin_token(street_meeting)
    nameless = api("library_contact", "post", "/api/v1/meetings/checkin/", {"token": token})
    assert nameless.status_code == 422  # the account has no linked person: who came?
    assert "请填写签到人姓名" in nameless.json()["message"]
    first = api(
        "library_contact", "post", "/api/v1/meetings/checkin/", {"token": token, "name": "赵馆员"}
    )
    second = api("library_contact", "post", "/api/v1/meetings/checkin/", {"token": token})
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["name"] == "赵馆员"
    assert street_meeting.attendances.count() == 1
