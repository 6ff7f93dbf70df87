"""One person is recorded once per meeting: the same account, or the same name for the same org
(or for no org), a second time is refused naming the person, and nothing more is written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wulian.accounts.tests.factories import UserFactory
from wulian.meetings import services
from wulian.meetings.tests.factories import JointMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return JointMeetingFactory(starts_at=timezone.now() - dt.timedelta(hours=1))


def test_the_same_name_with_no_org_is_refused_naming_the_person(meeting):
    services.record_attendance(meeting=meeting, by=None, name="王主任")
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(meeting=meeting, by=None, name=" 王主任 ")
    assert exc.value.message_dict == {"name": ["王主任已登记参会。"]}
    assert list(meeting.attendances.values_list("name", flat=True)) == ["王主任"]


def test_the_same_name_for_the_same_org_is_refused_but_another_org_is_not(meeting):
    services.record_attendance(meeting=meeting, by=None, name="王主任", org=meeting.convener)
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(meeting=meeting, by=None, name="王主任", org=meeting.convener)
    assert exc.value.message_dict == {"name": ["王主任已登记参会。"]}
    services.record_attendance(meeting=meeting, by=None, name="王主任")
    assert list(meeting.attendances.values_list("name", "org")) == [
        ("王主任", meeting.convener_id),
        ("王主任", None),
    ]


def test_the_same_account_under_another_name_is_refused_naming_who_was_recorded(meeting):
    user = UserFactory()
    services.record_attendance(meeting=meeting, by=None, name="王主任", user=user)
    with pytest.raises(ValidationError) as exc:
        services.record_attendance(meeting=meeting, by=None, name="王建国", user=user)
    assert exc.value.message_dict == {"name": ["王主任已登记参会。"]}
    assert list(meeting.attendances.values_list("name", flat=True)) == ["王主任"]
