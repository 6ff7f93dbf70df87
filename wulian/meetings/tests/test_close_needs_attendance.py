"""A joint meeting is closed only once its attendance is recorded: at least one person who came
(recorded by staff or checked in by QR code). Until then closing is refused, naming attendance,
and nothing is written; the close page says why."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.meetings import services
from wulian.meetings.models import Decision, MeetingStatus
from wulian.meetings.tests.factories import JointMeetingFactory

pytestmark = pytest.mark.django_db

NO_ATTENDANCE = "尚未登记参会人员，请先登记出席情况再闭会。"


@pytest.fixture
def started():
    return JointMeetingFactory(starts_at=timezone.now() - dt.timedelta(hours=1))


def _close(meeting):
    return services.close_meeting(
        meeting=meeting,
        by=None,
        host="王主任",
        recorder="李干事",
        minutes="会议议定如下。",
        decisions=[{"text": "督促物业整改"}],
    )


def test_a_meeting_with_no_attendance_recorded_cannot_be_closed(started):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        _close(started)
    assert exc.value.message_dict == {"attendance": [NO_ATTENDANCE]}
    assert services.close_refusal(started) == NO_ATTENDANCE
    started.refresh_from_db()
    assert (started.status, started.minutes, started.closed_at) == (
        MeetingStatus.SCHEDULED,
        "",
        None,
    )
    assert Decision.objects.filter(meeting=started).count() == 0
    assert AuditEntry.objects.count() == before


def test_a_meeting_closes_once_one_person_is_recorded_as_present(started):
    services.record_attendance(meeting=started, by=None, name="王主任")
    assert services.close_refusal(started) is None
    closed = _close(started)
    assert (closed.status, list(closed.decisions.values_list("text", flat=True))) == (
        MeetingStatus.CLOSED,
        ["督促物业整改"],
    )


def test_the_conveners_page_says_why_it_cannot_close_yet(world, client, login, street_meeting):
    login("xiyuhe_admin")
    page = client.get(f"/meetings/{street_meeting.pk}/")
    assert (page.context["can_close"], page.context["close_refusal"]) == (False, NO_ATTENDANCE)
    html = page.content.decode()
    assert 'id="meeting-close-why"' in html
    assert NO_ATTENDANCE in html
    assert 'id="meeting-close"' not in html

    services.record_attendance(
        meeting=street_meeting, by=world.users["xiyuhe_admin"], name="王主任"
    )
    page = client.get(f"/meetings/{street_meeting.pk}/")
    assert (page.context["can_close"], page.context["close_refusal"]) == (True, None)
    assert 'id="meeting-close"' in page.content.decode()
