"""Issue 9, defect 1: a meeting 3 days in the future could be closed with minutes and decisions."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.meetings import services
from wulian.meetings.models import Decision, MeetingStatus
from wulian.meetings.tests.factories import present
from wulian.web.demo import XIYUHE
from wulian.web.testing import bearer


@pytest.fixture
def future_meeting(world):
    start = timezone.now() + dt.timedelta(days=3)
    return services.convene_meeting(
        by=world.users["xiyuhe_admin"],
        area=world.areas[XIYUHE],
        topic="三天后的会议",
        place="街道",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )


def _unchanged(meeting, audit_before):
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes, meeting.closed_at) == (
        MeetingStatus.SCHEDULED,
        "",
        None,
    )
    assert Decision.objects.filter(meeting=meeting).count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_a_meeting_that_has_not_started_cannot_be_closed(world, future_meeting):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.close_meeting(
            meeting=future_meeting,
            by=world.users["xiyuhe_admin"],
            host="王主任",
            recorder="李干事",
            minutes="提前写好的纪要",
            decisions=[{"text": "提前议定"}],
        )
    when = timezone.localtime(future_meeting.starts_at).strftime("%Y-%m-%d %H:%M")
    assert exc.value.message_dict["meeting"] == [f"会议尚未开始（{when}开始），开始后才能闭会。"]
    _unchanged(future_meeting, before)


def test_the_close_page_and_the_api_say_why(world, client, future_meeting):
    headers = bearer(world.users["xiyuhe_admin"])
    before = AuditEntry.objects.count()
    client.force_login(world.users["xiyuhe_admin"])
    page = client.get(f"/meetings/{future_meeting.pk}/close/").content.decode()
    assert "会议尚未开始" in page
    assert (
        'id="meeting-close"' not in client.get(f"/meetings/{future_meeting.pk}/").content.decode()
    )
    response = client.post(
        f"/api/v1/meetings/{future_meeting.pk}/close/",
        data={"minutes": "纪要", "decisions": []},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert "会议尚未开始" in response.json()["message"]
    _unchanged(future_meeting, before)


def test_once_the_meeting_has_started_it_closes(world, future_meeting):
    with time_machine.travel(future_meeting.starts_at + dt.timedelta(minutes=1), tick=False):
        present(future_meeting)
        services.close_meeting(
            meeting=future_meeting,
            by=world.users["xiyuhe_admin"],
            host="王主任",
            recorder="李干事",
            minutes="纪要",
            decisions=[{"text": "议定"}],
        )
    future_meeting.refresh_from_db()
    assert future_meeting.status == MeetingStatus.CLOSED
