"""Agreements are seen by the area's levels and the unit that is party to them; to-dos ask each side."""

from wulian.agreements import services
from wulian.agreements.selectors import agreement_todos, visible_agreements


def _units(user) -> set[str]:
    return set(visible_agreements(user).values_list("unit__name", flat=True))


def test_agreements_are_scoped_by_area_and_unit(world):
    assert _units(world.users["city_admin"]) >= {"四川大学华西医院", "四川省图书馆"}
    assert _units(world.users["wuhou_admin"]) == {"四川大学华西医院"}
    assert _units(world.users["xihuamen_staff"]) == {"四川省图书馆"}
    assert _units(world.users["huaxi_contact"]) == {"四川大学华西医院"}
    assert _units(world.users["library_contact"]) == {"四川省图书馆"}


def test_each_side_has_a_to_do_until_it_confirmed(world, draft):
    services.submit_agreement(agreement=draft, by=world.users["hongmenjie_admin"])
    assert agreement_todos(world.users["huaxi_contact"])[0]["count"] == 1
    assert agreement_todos(world.users["hongmenjie_admin"])[0]["count"] == 1
    services.confirm_agreement(agreement=draft, by=world.users["huaxi_contact"])
    assert agreement_todos(world.users["huaxi_contact"])[0]["count"] == 0
    assert agreement_todos(world.users["hongmenjie_admin"])[0]["count"] == 1
    assert agreement_todos(world.users["resident_demo"]) == []
