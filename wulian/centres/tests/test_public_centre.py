"""What a community's public page shows of its 党群服务中心 (``selectors.public_centre``), for the
public pages built later: opening hours in lines, services, open resources, nobody's data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.centres import selectors, services
from wulian.centres.models import Centre
from wulian.core import counters
from wulian.web.demo import HONGMENJIE, XIHUAMEN, ZHIQIANG
from wulian.web.testing import assert_flat_queries, bearer, query_guard

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_hours_services_and_open_resources(world):
    shown = selectors.public_centre(world.areas[HONGMENJIE])
    assert {k: shown[k] for k in ("name", "community", "org", "address", "phone")} == {
        "name": "黉门街社区党群服务中心",
        "community": "黉门街社区",
        "org": "黉门街社区党委",
        "address": "武侯区黉门街社区服务中心",
        "phone": "028-86000003",
    }
    assert shown["hours"] == [{"days": "周一至周五", "times": "09:00-12:00、14:00-17:30"}]
    assert [s["name"] for s in shown["services"]] == ["专家义诊", "健康小屋"]
    assert [(r["name"], r["org"], r["capacity"]) for r in shown["resources"]] == [
        ("专家义诊", "四川大学华西医院", "20个号")
    ]
    assert selectors.public_centre(world.areas[XIHUAMEN])["hours"] == [
        {"days": "周一至周五", "times": "09:00-12:00、14:00-17:30"},
        {"days": "周六", "times": "09:00-12:00"},
    ]


def test_a_closed_resource_or_a_centre_not_public_is_not_shown(world):
    from wulian.resources.models import Resource

    counters.update(Resource.objects.filter(org=world.orgs["huaxi"], kind="clinic"), is_open=False)
    assert selectors.public_centre(world.areas[HONGMENJIE])["resources"] == []
    Centre.objects.filter(community__code=HONGMENJIE).update(is_public=False)
    assert selectors.public_centre(world.areas[HONGMENJIE]) is None
    assert selectors.public_centre(world.areas[ZHIQIANG]) is None  # no centre


def test_the_public_read_costs_four_queries_whatever_the_centre_holds(world):
    centre = Centre.objects.get(community__code=XIHUAMEN)
    selectors.public_centre(centre.community)  # warm what is read once per process
    with CaptureQueriesContext(connection) as before:
        selectors.public_centre(centre.community)
    for n in range(3):
        services.add_service(by=None, centre=centre, name=f"服务{n}")
    with CaptureQueriesContext(connection) as after:
        selectors.public_centre(centre.community)
    assert (len(before), len(after)) == (4, 4)


def test_staff_edit_hours_on_the_page_in_lines(world, client, login):
    login("xihuamen_staff")
    centre = Centre.objects.get(community__code=XIHUAMEN)
    response = client.post(
        reverse("centres:edit", args=[centre.pk]),
        {
            "name": centre.name,
            "address": centre.address,
            "hours": "周二至周四 08:30-12:00\n周日 10:00-11:00",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    assert selectors.public_centre(centre.community)["hours"] == [
        {"days": "周二至周四", "times": "08:30-12:00"},
        {"days": "周日", "times": "10:00-11:00"},
    ]
    page = client.post(
        reverse("centres:edit", args=[centre.pk]),
        {"name": centre.name, "address": centre.address, "hours": "周二 8点到12点"},
    ).content.decode()
    assert "第1行的时间“8点到12点”应写作“09:00-12:00”。" in page


@query_guard("centres:list", "api:centre_list")
@pytest.mark.parametrize("name", ["centres:list", "api:centre_list"])
def test_the_centre_lists_use_a_fixed_number_of_queries(world, client, name):
    from wulian.areas.models import Area

    user = world.users["city_admin"]
    client.force_login(user)
    headers = bearer(user) if name.startswith("api:") else {}
    communities = list(
        Area.objects.filter(parent__code="510105003000", level="community")
        .exclude(code=XIHUAMEN)
        .order_by("code")[:2]
    )

    def two_more():
        from wulian.orgs import services as orgs
        from wulian.orgs.models import Kind

        for community in communities:
            orgs.create_org(
                by=None,
                name=f"{community.name}党委",
                kind=Kind.PARTY_ORG,
                area=community,
                leads=community,
            )
            centre = services.create_centre(
                by=None,
                community=community,
                name=f"{community.name}党群服务中心",
                address="地址",
                hours=[(0, dt.time(9), dt.time(12))],
            )
            services.add_service(by=None, centre=centre, name="党员服务")

    assert_flat_queries(client, reverse(name), two_more, headers=headers)
