import datetime as dt

import pytest
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.alliances import services
from wulian.orgs.services import change_party_body
from wulian.web.demo import XIYUHE
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def _two_more(world):
    for i in range(2):
        alliance = services.create_alliance(
            by=None,
            name=f"联盟{i}",
            lead_org=world.orgs["xihuamen"],
            members=[world.orgs["library"]],
        )
        services.record_alliance_activity(
            by=None,
            alliance=alliance,
            kind="sharing",
            title="x",
            held_on=dt.date(2025, 1, 1),
            attendance=3,
        )
        member = services.appoint_part_time_member(
            by=None,
            person=world.people["zhao_qiang"],
            unit=world.orgs["museum"],
            committee=world.orgs["xihuamen"],
            post=f"委员{i}",
            term_start=dt.date(2025, 1, 1),
            term_end=dt.date(2027, 1, 1),
        )
        services.record_led_activity(
            by=None, member=member, title="坝坝党课", held_on=dt.date(2025, 2, 1), attendance=9
        )


LISTS = [
    "alliances:list",
    "alliances:export",
    "alliances:member_list",
    "alliances:member_export",
    "alliances:bodies",
    "api:alliances_list",
    "api:alliances_part_time_list",
]


@query_guard(*LISTS)
@pytest.mark.parametrize("name", LISTS)
def test_lists_make_the_same_number_of_queries_for_more_rows(world, client, name):
    user = world.users["xiyuhe_admin"]
    client.force_login(user)

    def more_rows():
        _two_more(world)
        change_party_body(
            org=world.orgs["xihuamen"],
            by=None,
            to_body="general_branch",
            changed_on=dt.date(2025, 1, 1),
        )

    # The bodies page has one row per community: a changed body adds none.
    assert_flat_queries(
        client,
        reverse(name),
        more_rows,
        headers=bearer(user) if name.startswith("api:") else None,
        grows_by=None if name == "alliances:bodies" else 2,
    )


def test_bodies_page_shows_each_communitys_current_body(world, client, login):
    login("city_admin")
    page = client.get(
        reverse("alliances:bodies") + "?area=510108015000"
    ).content.decode()  # 青龙街道
    assert "致强社区党组织" in page
    assert "党总支" in page
    assert "成华青龙党工〔2025〕8号" in page
    login("xiyuhe_admin")
    response = client.get(reverse("alliances:bodies"))
    rows = {
        c.code: c.leading_org.get_party_body_display()
        for c in response.context["page_obj"]
        if getattr(c, "leading_org", None)
    }
    assert rows == {"510105003003": "党委"}
    assert response.context["area"].code == XIYUHE
    assert client.get(reverse("alliances:bodies") + "?area=510108015000").status_code == 404


def test_part_time_list_filters_per_committee_and_per_unit(world, client, login):
    login("city_admin")
    by_unit = client.get(reverse("alliances:member_list") + f"?unit={world.orgs['huaxi'].pk}")
    assert [m.person.name for m in by_unit.context["page_obj"]] == ["王建国"]
    by_committee = client.get(
        reverse("alliances:member_list") + f"?committee={world.orgs['xihuamen'].pk}"
    )
    assert [m.person.name for m in by_committee.context["page_obj"]] == ["张敏"]


def test_the_unit_contact_sees_only_its_own_part_time_members(world, client, login):
    login("huaxi_contact")
    names = [
        m.person.name for m in client.get(reverse("alliances:member_list")).context["page_obj"]
    ]
    assert names == ["王建国"]


def test_appointing_through_the_api_refuses_a_unit_outside_the_area(world, client):
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['city_admin'], by=None)}"
    }
    response = client.post(
        reverse("api:alliances_part_time_create"),
        {
            "person": world.people["zheng_wei"].pk,
            "unit": world.orgs["cdc"].pk,
            "committee": world.orgs["xihuamen"].pk,
            "post": "兼职委员",
            "term_start": "2025-01-01",
            "term_end": "2027-12-31",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"]["unit"] == [
        "四川省疾病预防控制中心位于黉门街社区，不在西华门社区党委领导的区域西华门社区内。"
    ]
    response = client.post(
        reverse("api:alliances_part_time_create"),
        {
            "person": world.people["zheng_wei"].pk,
            "unit": world.orgs["cdc"].pk,
            "committee": world.orgs["hongmenjie"].pk,
            "post": "兼职委员",
            "term_start": "2027-01-01",
            "term_end": "2025-12-31",
        },
        content_type="application/json",
        **headers,
    )
    assert response.json()["errors"] == {
        "term_end": ["任期结束日期（2025-12-31）早于开始日期（2027-01-01）。"]
    }
