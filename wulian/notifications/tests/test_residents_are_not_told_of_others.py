"""Issue 10, part 1: a second resident of 黉门街社区 was given an account, and the first
resident's dispute report "楼上邻居家暴噪音（隐私）" appeared in his notification bell, because
"tell the community party org" reached every role holder there, residents included."""

from django.urls import reverse

from wulian.accounts.models import RoleKind, User
from wulian.accounts.services import grant_role
from wulian.notifications.models import Notification
from wulian.people.services import create_person


def test_a_residents_report_reaches_community_staff_and_not_another_resident(
    client, world, login, django_capture_on_commit_callbacks
):
    neighbour = create_person(
        by=None, name="黄志明", phone="13880002001", home_area=world.areas["510107005008"]
    )
    second = User.objects.create_user(username="resident_two", password="x", person=neighbour)
    grant_role(user=second, kind=RoleKind.RESIDENT, org=world.orgs["hongmenjie"], by=None)
    login("resident_demo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:report"),
            {
                "category": "neighbourhood",
                "title": "楼上邻居家暴噪音（隐私）",
                "description": "请社区上门了解。",
            },
        )
    assert response.status_code == 302
    told = set(
        Notification.objects.filter(title__contains="楼上邻居家暴噪音").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"hongmenjie_admin"}
    client.force_login(second)
    assert "楼上邻居家暴噪音" not in client.get(reverse("notifications:list")).content.decode()
