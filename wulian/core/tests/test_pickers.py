"""The pickers' endpoints answer only what the user may see, by two characters of a name, and the
forms render only the chosen items (never a select of the whole city)."""

import re

import pytest
from django.urls import reverse

from wulian.web.demo import XIHUAMEN
from wulian.web.testing import assert_flat_queries, query_guard

pytestmark = pytest.mark.django_db


def labels(response) -> list[str]:
    assert response.status_code == 200
    return [row["label"] for row in response.json()["results"]]


def test_city_admin_finds_an_org_by_two_characters(client, login, world):
    login("city_admin")
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "华西"})) == ["四川大学华西医院"]


def test_one_character_finds_nothing(client, login, world):
    login("city_admin")
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "华"})) == []


def test_community_admin_does_not_find_an_org_outside_the_community(client, login, world):
    login("xihuamen_admin")
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "华西"})) == []
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "图书"})) == ["四川省图书馆"]


def test_org_kind_filter_keeps_units(client, login, world):
    login("xihuamen_admin")
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "西华门", "kind": "units"})) == []
    assert labels(
        client.get(reverse("web:pick_orgs"), {"q": "西华门社区党委", "kind": "party"})
    ) == ["西华门社区党委"]


def test_people_are_found_within_scope_only(client, login, world):
    login("xihuamen_admin")
    assert labels(client.get(reverse("web:pick_people"), {"q": "张敏"})) == ["张敏"]
    assert labels(client.get(reverse("web:pick_people"), {"q": "王建国"})) == []


def test_area_cascade_starts_at_the_users_root_and_stays_inside(client, login, world):
    login("xihuamen_admin")
    roots = client.get(reverse("web:pick_areas")).json()["results"]
    assert [r["id"] for r in roots] == [XIHUAMEN]
    assert labels(client.get(reverse("web:pick_areas"), {"parent": "510105000000"})) == []
    grids = client.get(reverse("web:pick_areas"), {"parent": XIHUAMEN}).json()["results"]
    assert {g["level"] for g in grids} <= {"grid"}


def test_area_cascade_lists_a_citys_districts(client, login, world):
    login("city_admin")
    roots = client.get(reverse("web:pick_areas")).json()["results"]
    districts = client.get(reverse("web:pick_areas"), {"parent": roots[0]["id"]}).json()["results"]
    assert "青羊区" in [d["label"] for d in districts]
    assert {d["level"] for d in districts} == {"district"}
    assert labels(client.get(reverse("web:pick_areas"), {"q": "西华门社区"})) == ["西华门社区"]


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("web:pick_orgs"), {"q": "华西"})
    assert response.status_code == 302


def test_new_meeting_form_renders_no_option_list_of_orgs(client, login, world):
    login("city_admin")
    html = client.get(reverse("meetings:create")).content.decode()
    block = re.search(r'<select name="invite_orgs"[^>]*>(.*?)</select>', html, re.S)
    assert block is not None
    assert block.group(1).count("<option") == 0
    assert 'data-picker-url="/pick/orgs?above=1"' in html


def test_chosen_orgs_are_rendered_as_chips_after_a_bad_post(client, login, world):
    from wulian.orgs.models import Org

    login("city_admin")
    huaxi = Org.objects.get(name="四川大学华西医院")
    response = client.post(reverse("meetings:create"), {"invite_orgs": [huaxi.pk], "topic": ""})
    html = response.content.decode()
    block = re.search(r'<select name="invite_orgs"[^>]*>(.*?)</select>', html, re.S)
    assert re.findall(r'<option value="(\d+)" selected>', block.group(1)) == [str(huaxi.pk)]


def test_a_posted_chip_value_too_long_for_int_is_dropped_not_a_crash(client, login, world):
    """``int`` refuses strings of over 4,300 digits: the picker's chips must not try."""
    login("city_admin")
    response = client.post(reverse("meetings:create"), {"invite_orgs": ["9" * 4301], "topic": ""})
    assert response.status_code == 200


def test_above_offers_what_a_meeting_of_the_users_areas_may_call_in(client, login, world):
    login("xiyuhe_admin")
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "清源物业"})) == []
    assert labels(client.get(reverse("web:pick_orgs"), {"q": "清源物业", "above": "1"})) == [
        "成都清源物业服务有限公司"
    ]
    assert "成都市住房和城乡建设局（房管）" in labels(
        client.get(reverse("web:pick_orgs"), {"q": "住房", "above": "1"})
    )


@query_guard("web:pick_orgs", "web:pick_people", "web:pick_areas")
def test_pickers_answer_in_the_same_number_of_queries_however_many_match(client, login, world):
    from wulian.areas.models import Area, Level
    from wulian.core import counters
    from wulian.orgs.models import Kind, Org
    from wulian.people.models import Person

    login("xihuamen_admin")
    community = Area.objects.get(code=XIHUAMEN)

    def more_orgs():
        for i in range(3):
            counters.created(
                [Org.objects.create(name=f"守卫测试协会{i}", kind=Kind.NEW_SOCIAL, area=community)]
            )

    def more_people():
        template = Person.objects.filter(home_area=community).first()
        for i in range(3):
            counters.created(
                [
                    Person.objects.create(
                        name=f"守卫{i}",
                        phone_encrypted=template.phone_encrypted,
                        phone_index=f"guard{i}",
                        phone_masked=template.phone_masked,
                        home_area=community,
                    )
                ]
            )

    def more_areas():
        for i in range(3):
            code = f"5101050030{90 + i}"
            Area.objects.create(
                code=code,
                name=f"守卫网格{i}",
                level=Level.GRID,
                parent=community,
                path=f"{community.path}{code}/",
                depth=community.depth + 1,
            )

    assert_flat_queries(client, reverse("web:pick_orgs") + "?q=守卫", more_orgs, grows_by=3)
    assert_flat_queries(client, reverse("web:pick_people") + "?q=守卫", more_people, grows_by=3)
    assert_flat_queries(
        client, reverse("web:pick_areas") + f"?parent={XIHUAMEN}", more_areas, grows_by=3
    )
