import datetime as dt

import pytest
from django.utils import timezone

from wulian.meetings import services
from wulian.meetings.tests.factories import present


@pytest.fixture
def street_meeting(world):
    """A scheduled joint meeting of 西御河街道 (started an hour ago), with invitees."""
    start = timezone.now() - dt.timedelta(hours=1)
    return services.convene_meeting(
        by=world.users["xiyuhe_admin"],
        area=world.areas["510105003000"],
        topic="物业矛盾化解联席会议",
        place="西御河街道党群服务中心",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        invite_orgs=[world.orgs["dept_housing"], world.orgs["qingyuan_pm"], world.orgs["library"]],
        agenda=["清源小区物业服务问题"],
    )


def action(world, **over):
    data = {
        "lead_org": world.orgs["qingyuan_pm"],
        "co_orgs": [world.orgs["dept_housing"]],
        "responsible": "张科长",
        "due_on": timezone.localdate() + dt.timedelta(days=10),
        "done_criteria": "物业服务合同续签并公示",
    }
    data.update(over)
    return data


@pytest.fixture
def pm_contact(world):
    """The demo's unit contact of 成都清源物业服务有限公司 (the property manager)."""
    from wulian.accounts.models import User

    return User.objects.get(username="qingyuan_pm_contact")


@pytest.fixture
def closed_meeting(world, street_meeting):
    present(street_meeting)
    services.close_meeting(
        meeting=street_meeting,
        by=world.users["xiyuhe_admin"],
        host="王主任",
        recorder="李干事",
        minutes="会议议定如下。",
        decisions=[{"text": "督促物业整改", "action_items": [action(world)]}],
    )
    street_meeting.refresh_from_db()
    return street_meeting
