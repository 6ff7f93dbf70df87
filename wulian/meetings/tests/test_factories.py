"""JointMeetingFactory convenes through the service, by the party organization of its area."""

import datetime as dt

import pytest

from wulian.meetings.tests.factories import JointMeetingFactory

pytestmark = pytest.mark.django_db


def test_a_street_meeting_is_convened_by_the_streets_party_organization():
    meeting = JointMeetingFactory()
    assert meeting.area.level == "street"
    assert meeting.convener.leads == meeting.area
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(hours=2)
