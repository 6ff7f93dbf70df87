"""Issue 16, defect 5: out-of-range numbers and dates are a 422 naming the field (API) or a clear
message on the page, never a 500 — one test per cause."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from wulian.accounts.services import create_token
from wulian.duties.models import Duty
from wulian.meetings.models import JointMeeting
from wulian.web.demo import XIYUHE

HUGE = 18446744073709551617  # 2^64 + 1: beyond any 64-bit column


@pytest.fixture
def api(client, world):
    def call(username, method, url, body=None):
        token = create_token(user=world.users[username], by=None)
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(client, method)(url, **kwargs)

    return call


def _field_error(response, field: str) -> str:
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in body["errors"], body
    return body["errors"][field][0]


def test_a_huge_offset_on_a_list_is_a_422_naming_offset(api):
    for url in ("/api/v1/orgs/", "/api/v1/meetings/", "/api/v1/duties/"):
        response = api("city_admin", "get", f"{url}?offset={HUGE}")
        assert _field_error(response, "offset") == "不能大于1000000000。"


def test_a_negative_offset_on_duties_is_a_422(api):
    assert (
        _field_error(api("city_admin", "get", "/api/v1/duties/?offset=-1"), "offset")
        == "不能小于0。"
    )


def test_a_limit_beyond_the_page_size_is_a_422_naming_limit(api):
    for url in ("/api/v1/orgs/", "/api/v1/duties/"):
        assert (
            _field_error(api("city_admin", "get", f"{url}?limit=100000000"), "limit")
            == "不能大于200。"
        )
    assert len(api("city_admin", "get", "/api/v1/orgs/?limit=200").json()["items"]) <= 200


def test_a_huge_id_in_a_filter_is_a_422_naming_it(api):
    assert _field_error(
        api("city_admin", "get", f"/api/v1/duties/?duty_list={HUGE}"), "duty_list"
    ).startswith("不能大于")
    assert _field_error(
        api("city_admin", "get", f"/api/v1/needs/ledger/?person={HUGE}"), "person"
    ).startswith("不能大于")


def _meeting_body(**over):
    start = timezone.now() + dt.timedelta(days=1)
    body = {
        "area": XIYUHE,
        "topic": "越界",
        "place": "街道",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
    }
    body.update(over)
    return body


def test_huge_ids_in_bodies_are_a_422_naming_the_field_and_write_nothing(api, world):
    before = (JointMeeting.objects.count(), Duty.objects.count())
    response = api("xiyuhe_admin", "post", "/api/v1/meetings/", _meeting_body(convener=HUGE))
    assert _field_error(response, "convener").startswith("不能大于")
    response = api("xiyuhe_admin", "post", "/api/v1/meetings/", _meeting_body(invite_orgs=[HUGE]))
    assert _field_error(response, "invite_orgs.0").startswith("不能大于")
    response = api(
        "xiyuhe_admin",
        "post",
        "/api/v1/duties/assign/",
        {
            "targets": [HUGE],
            "kind": "task",
            "title": "x",
            "done_criteria": "x",
            "due_on": "2030-01-01",
        },
    )
    assert _field_error(response, "targets.0").startswith("不能大于")
    meeting = JointMeeting.objects.first()
    response = api(
        "city_admin", "post", f"/api/v1/meetings/{meeting.pk}/invitations/", {"orgs": [HUGE]}
    )
    assert _field_error(response, "orgs.0").startswith("不能大于")
    assert (JointMeeting.objects.count(), Duty.objects.count()) == before


def test_year_10000_is_a_422_naming_year(api):
    for url in (
        "/api/v1/dispatches/",
        "/api/v1/duties/holidays/",
        "/api/v1/funds/",
        "/api/v1/duties/",
    ):
        assert (
            _field_error(api("city_admin", "get", f"{url}?year=10000"), "year") == "不能大于2100。"
        )


def test_a_start_in_year_one_is_a_422_naming_starts_at(api):
    before = JointMeeting.objects.count()
    response = api(
        "xiyuhe_admin",
        "post",
        "/api/v1/meetings/",
        _meeting_body(starts_at="0001-01-01T00:00:00+08:00"),
    )
    assert _field_error(response, "starts_at") == "时间应在2000-01-01至2100-12-31之间。"
    assert JointMeeting.objects.count() == before


def test_the_last_day_of_9999_on_the_bookings_page_is_a_message(client, login, world):
    login("city_admin")
    response = client.get("/resources/bookings/?date=9999-12-31")
    assert response.status_code == 200
    assert "日期应在2000-01-01至2100-12-31之间。" in response.content.decode()


def test_a_huge_id_in_a_page_form_is_a_form_error(client, login, world):
    login("qingyang_admin")
    before = Duty.objects.count()
    response = client.post(
        "/duties/assign/",
        {
            "kind": "task",
            "targets": [str(HUGE)],
            "title": "越界",
            "assigned_on": "2026-11-02",
            "due_on": "2026-12-31",
        },
    )
    assert response.status_code in (200, 400)
    assert Duty.objects.count() == before
