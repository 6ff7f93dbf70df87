import datetime as dt

from django.utils import timezone

from wulian.meetings import services
from wulian.notifications.models import Notification
from wulian.web.demo import HONGMENJIE


def test_an_invitation_tells_the_orgs_contacts_and_staff_but_not_its_party_members(
    world, django_capture_on_commit_callbacks
):
    start = timezone.now() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.convene_meeting(
            by=world.users["hongmenjie_admin"],
            area=world.areas[HONGMENJIE],
            topic="健康议事",
            place="社区",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            invite_orgs=[world.orgs["huaxi"]],
        )
    told = set(
        Notification.objects.filter(
            kind="meeting.invitation", title__contains="健康议事"
        ).values_list("user__username", flat=True)
    )
    assert told == {"huaxi_contact"}  # member_demo is a party member of 华西医院: not told
