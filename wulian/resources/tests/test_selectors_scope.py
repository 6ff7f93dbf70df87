"""Each level sees its subtree of the inventory; units their own; residents what they may book."""

from wulian.resources.models import Resource
from wulian.resources.selectors import (
    bookable_resources,
    my_bookings,
    visible_bookings,
    visible_resources,
)


def _names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


DEMO = {"“畅行停”共享停车位", "专家义诊", "四川省图书馆多功能厅"}


def test_inventory_is_scoped_by_subtree_and_unit(world):
    assert _names(visible_resources(world.users["city_admin"])) >= DEMO
    assert _names(visible_resources(world.users["wuhou_admin"])) & DEMO == {
        "“畅行停”共享停车位",
        "专家义诊",
    }
    assert _names(visible_resources(world.users["qingyang_admin"])) & DEMO == {
        "四川省图书馆多功能厅"
    }
    assert _names(visible_resources(world.users["xihuamen_staff"])) & DEMO == {
        "四川省图书馆多功能厅"
    }
    assert _names(visible_resources(world.users["huaxi_contact"])) == {
        "“畅行停”共享停车位",
        "专家义诊",
    }
    assert _names(visible_resources(world.users["resident_demo"])) == set()


def test_residents_see_what_their_home_area_may_book(world, make_resource, clock):
    make_resource(
        name="街道级开放", eligible_areas=[world.areas["510107005000"]]
    )  # 玉林街道: includes 黉门街
    make_resource(name="西华门专用", eligible_areas=[world.areas["510105003003"]])
    make_resource(
        name="图书馆党员可约",
        eligible_areas=[world.areas["510105003003"]],
        eligible_orgs=[world.orgs["huaxi"]],
    )
    resident = _names(bookable_resources(world.users["resident_demo"]))
    member = _names(
        bookable_resources(world.users["member_demo"])
    )  # 王建国: party member of 华西医院
    assert {"“畅行停”共享停车位", "专家义诊", "街道级开放"} <= resident
    assert "西华门专用" not in resident
    assert "四川省图书馆多功能厅" not in resident
    assert "图书馆党员可约" not in resident
    assert "图书馆党员可约" in member
    assert "西华门专用" not in member
    assert bookable_resources(world.users["city_admin"]).count() == 0  # no person, nothing to book


def test_closed_resources_are_not_bookable(world, parking):
    from wulian.resources import services

    services.close_resource(resource=parking, by=None, reason="施工")
    assert not bookable_resources(world.users["resident_demo"]).filter(pk=parking.pk).exists()
    assert Resource.objects.filter(pk=parking.pk, is_open=False).exists()


def test_bookings_are_seen_by_the_unit_the_area_and_the_booker_only(world):
    li = world.people["li_xiuying"]
    assert my_bookings(world.users["resident_demo"]).filter(person=li).count() == 2
    assert my_bookings(world.users["member_demo"]).filter(person=li).count() == 0
    assert visible_bookings(world.users["huaxi_contact"]).filter(person=li).count() == 2
    assert visible_bookings(world.users["hongmenjie_admin"]).filter(person=li).count() == 2
    assert visible_bookings(world.users["xihuamen_admin"]).filter(person=li).count() == 0
    assert visible_bookings(world.users["library_contact"]).filter(person=li).count() == 0
