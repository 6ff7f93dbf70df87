import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.meetings import services
from wulian.meetings.tests.factories import present
from wulian.web.demo import HONGMENJIE
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def test_a_community_admin_cannot_see_another_communitys_meeting(world, client):
    start = timezone.now() + dt.timedelta(days=1)
    meeting = services.convene_meeting(
        by=world.users["hongmenjie_admin"],
        area=world.areas[HONGMENJIE],
        topic="黉门街议事",
        place="社区",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    client.force_login(world.users["xihuamen_admin"])
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/meeting.ics").status_code == 404
    assert "黉门街议事" not in client.get("/meetings/").content.decode()
    client.force_login(world.users["hongmenjie_admin"])
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200


def test_a_unit_contact_sees_its_own_action_items_only(world, closed_meeting, pm_contact, client):
    client.force_login(pm_contact)
    body = client.get("/meetings/actions/").content.decode()
    assert "物业服务质量专项检查" not in body  # led by 房管, not the property manager
    assert "公示物业服务收费标准和服务内容" in body


MEETING_LISTS = [
    "meetings:list",
    "meetings:export",
    "meetings:action_list",
    "meetings:action_export",
    "api:meeting_list",
    "api:action_item_list",
]


@query_guard(*MEETING_LISTS)
@pytest.mark.parametrize("name", MEETING_LISTS)
def test_list_views_use_a_fixed_number_of_queries(world, client, name):
    from wulian.meetings.models import ActionItem

    user = world.users["hongmenjie_admin"]
    client.force_login(user)

    def add(n):
        for i in range(n):
            start = timezone.now() - dt.timedelta(hours=1)
            m = services.convene_meeting(
                by=user,
                area=world.areas[HONGMENJIE],
                topic=f"议事{i}",
                place="社区",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
            )
            present(m)
            services.close_meeting(
                meeting=m,
                by=user,
                host="王主任",
                recorder="李干事",
                minutes="纪要",
                decisions=[
                    {
                        "text": "办",
                        "action_items": [
                            {
                                "lead_org": world.orgs["huaxi"],
                                "co_orgs": [world.orgs["cdc"]],
                                "responsible": "甲",
                                "due_on": timezone.localdate() + dt.timedelta(days=1 + i),
                                "done_criteria": "完成",
                            }
                        ],
                    }
                ],
            )

    add(1)
    assert_flat_queries(
        client,
        reverse(name),
        lambda: add(2),
        headers=bearer(user) if name.startswith("api:") else None,
    )
    assert ActionItem.objects.filter(lead_org=world.orgs["huaxi"]).count() >= 3
