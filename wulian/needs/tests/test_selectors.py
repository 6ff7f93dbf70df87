"""What each provider sees and may claim, the menu's filters and its recommendation order."""

import pytest

from wulian.areas.models import Area
from wulian.core import counters
from wulian.needs import selectors, services
from wulian.needs.models import Category, CommunityRegistration, Need
from wulian.needs.providers import Provider, provider_context
from wulian.needs.tests.helpers import huaxi, post, post_in_xihuamen
from wulian.people import services as people_services
from wulian.web.demo import HONGMENJIE, XIHUAMEN

pytestmark = pytest.mark.django_db


def _titles(qs) -> set[str]:
    return set(qs.values_list("title", flat=True))


@pytest.fixture
def neighbour(world):
    """A resident of another community of 玉林街道 (the street 华西医院 sits in)."""
    community = (
        Area.objects.filter(parent=world.areas[HONGMENJIE].parent, level="community")
        .exclude(code=HONGMENJIE)
        .first()
    )
    return people_services.create_person(
        by=None, name="钱多多", phone="13880009991", home_area=community
    )


def _post_for(world, person, title, skills):
    return services.post_need(
        by=world.users["city_admin"],
        for_person=person,
        title=title,
        category=Category.HEALTH,
        description="x",
        skills=skills,
    )


def test_unit_sees_open_needs_of_its_street_and_what_it_holds(world, neighbour):
    near = post(world, title="本社区")
    street = _post_for(world, neighbour, "同街道", "")
    far = post_in_xihuamen(world, "别的区")
    user = world.users["huaxi_contact"]
    visible = _titles(selectors.visible_needs(user))
    assert {near.title, street.title} <= visible
    assert far.title not in visible
    assert {near.title, street.title} <= _titles(selectors.claimable_needs(user))


def test_member_sees_open_needs_only_of_communities_registered_with(world, neighbour):
    near = post(world, title="本社区")
    street = _post_for(world, neighbour, "同街道", "")
    user = world.users["member_demo"]
    assert near.title in _titles(selectors.claimable_needs(user))
    assert street.title not in _titles(selectors.visible_needs(user))
    reg = CommunityRegistration.objects.get(person=world.people["wang_jianguo"], active=True)
    services.end_registration(registration=reg, by=user)
    assert near.title not in _titles(selectors.visible_needs(user))
    assert provider_context(user).providers == []


def test_a_need_claimed_by_another_provider_leaves_the_menu(world):
    need = post(world, title="被华西接走")
    services.claim_need(need=need, by=world.users["huaxi_contact"], provider=huaxi(world))
    member = world.users["member_demo"]
    assert need.title not in _titles(selectors.visible_needs(member))
    assert need.title in _titles(selectors.held_needs(world.users["huaxi_contact"]))


def test_resident_sees_only_their_own_needs(world):
    own = post(world, title="我的")
    other = post_in_xihuamen(world, "别人的")
    visible = _titles(selectors.visible_needs(world.users["resident_demo"]))
    assert own.title in visible
    assert other.title not in visible


def test_staff_see_their_subtree_only(world):
    far = post_in_xihuamen(world, "西华门的")
    near = post(world, title="黉门街的")
    assert far.title in _titles(selectors.area_needs(world.users["xihuamen_staff"]))
    assert near.title not in _titles(selectors.area_needs(world.users["xihuamen_staff"]))
    assert {far.title, near.title} <= _titles(selectors.area_needs(world.users["city_admin"]))


def test_own_need_is_not_on_ones_menu(world):
    own = post(world, by="member_demo", title="王建国自己的")
    assert own.title not in _titles(selectors.claimable_needs(world.users["member_demo"]))


def test_menu_recommends_by_skill_then_nearness_less_load(world, neighbour):
    counters.update(
        Need.objects.filter(state="posted"), state="cancelled"
    )  # only this test's needs
    a = post(world, title="A 同社区·技能匹配", skills="义诊")
    b = post(world, title="B 同社区·技能不符", skills="维修")
    c = _post_for(world, neighbour, "C 同街道·技能匹配", "健康讲座")
    user = world.users["huaxi_contact"]
    items = selectors.menu_for(user, provider=provider_context(user).find(huaxi(world)))
    assert [(i.need.title, i.score, i.nearness, i.skill_matches) for i in items] == [
        (a.title, 25, "community", ["义诊"]),
        (c.title, 20, "street", ["健康讲座"]),
        (b.title, 15, "community", []),
    ]
    services.claim_need(need=b, by=user, provider=huaxi(world))  # load 1: every score less 2
    items = selectors.menu_for(user, provider=provider_context(user).find(huaxi(world)))
    assert [(i.need.title, i.score, i.load) for i in items] == [(a.title, 23, 1), (c.title, 18, 1)]


def test_menu_filters_by_category_area_and_skill(world):
    counters.update(Need.objects.filter(state="posted"), state="cancelled")
    post(world, title="健康", skills="义诊")
    post(world, title="维修", skills="维修", category=Category.REPAIR)
    user = world.users["huaxi_contact"]
    titles = lambda **f: [i.need.title for i in selectors.menu_for(user, **f)]  # noqa: E731
    assert titles(category=Category.REPAIR) == ["维修"]
    assert titles(skill="义诊") == ["健康"]
    assert titles(area=world.areas[XIHUAMEN]) == []
    assert sorted(titles(area=world.areas[HONGMENJIE])) == ["健康", "维修"]


def test_nearness_ranks_grid_over_community_street_and_district():
    def area(pk, level, path):
        return Area(pk=pk, level=level, path=path, code=path.rstrip("/").rsplit("/", 1)[-1])

    city, district, street = (
        "510100000000/",
        "510100000000/510107000000/",
        "510100000000/510107000000/510107005000/",
    )
    community = street + "510107005008/"
    grid = area(5, "grid", community + "510107005008901/")
    need = Need(
        area=grid, community=area(4, "community", community), street=area(3, "street", street)
    )
    assert selectors.nearness(grid, need) == "grid"
    assert selectors.nearness(area(4, "community", community), need) == "community"
    assert selectors.nearness(area(6, "community", street + "510107005009/"), need) == "street"
    assert selectors.nearness(area(7, "street", district + "510107006000/"), need) == "district"
    assert selectors.nearness(area(8, "district", city + "510105000000/"), need) == ""


def test_provider_key_names_a_unit_or_a_person(world):
    assert Provider(org=world.orgs["huaxi"]).key == huaxi(world)
    assert (
        Provider(person=world.people["wang_jianguo"]).key
        == f"person:{world.people['wang_jianguo'].pk}"
    )
