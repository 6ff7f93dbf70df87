"""``Scope.above_q`` and ``Scope.own_q``: the shapes of the selectors that look up the tree (rounds
run by a level above, councils of one's home) or at what is one's own (seats, memberships)."""

from wulian.accounts.selectors import Scope
from wulian.areas.models import Area
from wulian.orgs.models import Org
from wulian.people.models import Person
from wulian.web.demo import (
    CHENGHUA,
    CITY,
    HONGMENJIE,
    QINGLONG,
    QINGYANG,
    WUHOU,
    XIHUAMEN,
    XIYUHE,
    YULIN,
    ZHIQIANG,
)


def _codes(q) -> set[str]:
    return set(Area.objects.filter(q).values_list("code", flat=True))


def test_above_reaches_the_areas_holding_ones_subtree_unit_and_home(world):
    scope = Scope(
        area_paths=(world.areas[XIHUAMEN].path,),
        unit_org_ids=frozenset({world.orgs["huaxi"].pk}),
        home_area_path=world.areas[ZHIQIANG].path,
    )
    assert _codes(scope.above_q("pk")) == {
        CITY,
        QINGYANG,
        XIYUHE,
        XIHUAMEN,
        WUHOU,
        YULIN,
        HONGMENJIE,
        CHENGHUA,
        QINGLONG,
        ZHIQIANG,
    }
    assert _codes(scope.above_q("pk", units=False, home=False)) == {
        CITY,
        QINGYANG,
        XIYUHE,
        XIHUAMEN,
    }
    assert _codes(scope.above_q("pk", roots=False, home=False)) == {CITY, WUHOU, YULIN, HONGMENJIE}
    assert _codes(scope.above_q("pk", roots=False, units=False)) == {
        CITY,
        CHENGHUA,
        QINGLONG,
        ZHIQIANG,
    }
    assert _codes(Scope().above_q("pk")) == set()


def test_own_is_ones_person_and_units_only(world):
    huaxi, library = world.orgs["huaxi"], world.orgs["library"]
    scope = Scope(
        person_id=world.people["li_xiuying"].pk,
        unit_org_ids=frozenset({huaxi.pk, library.pk}),
        area_paths=(world.areas[XIHUAMEN].path,),
    )
    assert set(Org.objects.filter(scope.own_q(unit="pk"))) == {huaxi, library}
    assert list(Person.objects.filter(scope.own_q(person="pk"))) == [world.people["li_xiuying"]]
    assert list(Person.objects.filter(scope.own_q(unit="party_org"))) == list(
        Person.objects.filter(party_org__in=[huaxi, library])
    )
    assert (
        list(Org.objects.filter(Scope(area_paths=scope.area_paths).own_q(person="pk", unit="pk")))
        == []
    )
