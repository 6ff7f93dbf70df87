"""Who came is recorded while the meeting is open: once it is closed (its minutes and decisions
are final) or cancelled, recording attendance is refused naming the state, by the service, the
page and the API, and a QR check-in likewise; nothing is written."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.meetings import services
from wulian.meetings.models import Attendance, MeetingStatus
from wulian.meetings.tests.factories import JointMeetingFactory, present

pytestmark = pytest.mark.django_db

CLOSED = "会议已闭会，不能登记参会。"
CANCELLED = "会议已取消，不能登记参会。"


@pytest.fixture
def closed():
    meeting = JointMeetingFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    present(meeting)
    services.close_meeting(
        meeting=meeting,
        by=None,
        host="王主任",
        recorder="李干事",
        minutes="会议议定如下。",
        decisions=[{"text": "督促物业整改"}],
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    return meeting


def test_attendance_on_a_closed_meeting_is_refused_naming_the_state(closed):
    before = (AuditEntry.objects.count(), list(closed.attendances.values_list("name", flat=True)))
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(meeting=closed, by=None, name="迟到的人")
    assert exc.value.message_dict == {"name": [CLOSED]}
    after = (AuditEntry.objects.count(), list(closed.attendances.values_list("name", flat=True)))
    assert after == before == (before[0], ["王主任"])


def test_attendance_on_a_cancelled_meeting_is_refused_naming_the_state():
    meeting = JointMeetingFactory(starts_at=timezone.now() + dt.timedelta(hours=1))
    services.cancel_meeting(meeting=meeting, by=None, reason="另有安排")
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(meeting=meeting, by=None, name="王主任")
    assert exc.value.message_dict == {"name": [CANCELLED]}
    assert meeting.attendances.count() == 0


def test_the_api_refuses_attendance_on_a_closed_meeting_with_422(world, client):
    admin = world.users["xiyuhe_admin"]
    meeting = JointMeetingFactory(
        area=world.areas["510105003000"], starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert meeting.convener_id in {r.org_id for r in admin.roles.all()}
    present(meeting)
    services.close_meeting(
        meeting=meeting, by=admin, host="王主任", recorder="李干事", minutes="纪要", decisions=[]
    )
    token = create_token(user=admin, by=None)
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/attendances/",
        data=json.dumps({"name": "迟到的人"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == {"name": [CLOSED]}
    assert list(meeting.attendances.values_list("name", flat=True)) == ["王主任"]


def test_the_page_refuses_attendance_on_a_closed_meeting(world, client):
    admin = world.users["xiyuhe_admin"]
    meeting = JointMeetingFactory(
        area=world.areas["510105003000"], starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    present(meeting)
    services.close_meeting(
        meeting=meeting, by=admin, host="王主任", recorder="李干事", minutes="纪要", decisions=[]
    )
    client.force_login(admin)
    client.post(reverse("meetings:attendance_add", args=[meeting.pk]), {"name": "迟到的人"})
    assert list(meeting.attendances.values_list("name", flat=True)) == ["王主任"]


def test_a_qr_checkin_on_a_closed_meeting_is_refused(world, closed):
    token = services.checkin_token(closed)
    with pytest.raises(ValidationError) as exc:
        services.checkin(token=token, by=world.users["library_contact"], name="赵馆员")
    assert exc.value.message_dict == {"token": ["会议已闭会，不能再修改。"]}
    assert Attendance.objects.filter(meeting=closed).count() == 1
