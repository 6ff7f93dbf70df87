"""天府新区 and 高新区 are functional areas (功能区) covering real streets, which stay in their
territorial districts: Chengdu's 20 区(市)县 plus 2 make the case study's 22."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from wulian.areas.models import Area, FunctionalArea
from wulian.areas.services import load_functional_areas
from wulian.web.demo import CITY

pytestmark = pytest.mark.django_db


def _streets(key: str) -> list[tuple[str, str]]:
    return sorted(FunctionalArea.objects.get(key=key).streets.values_list("name", "parent__name"))


def test_the_two_functional_areas_cover_real_streets_that_stay_in_their_districts(world):
    assert sorted(
        FunctionalArea.objects.values_list("key", "short_name", "kind", "city__code")
    ) == [("gaoxin", "高新区", "hi_tech_zone", CITY), ("tianfu", "天府新区", "new_area", CITY)]
    assert _streets("gaoxin") == sorted(
        [
            ("芳草街街道", "武侯区"),
            ("肖家河街道", "武侯区"),
            ("石羊街道", "武侯区"),
            ("桂溪街道", "武侯区"),
            ("中和街道", "双流区"),
            ("合作街道", "郫都区"),
            ("西园街道", "郫都区"),
        ]
    )
    assert [name for name, district in _streets("tianfu") if district != "双流区"] == []
    assert len(_streets("tianfu")) == 10
    assert Area.objects.filter(level="district").count() == 20  # no fake divisions in the tree


def test_loading_again_changes_nothing(world):
    city = world.areas[CITY]
    before = {
        fa.key: sorted(fa.streets.values_list("code", flat=True))
        for fa in FunctionalArea.objects.all()
    }
    from wulian.areas.services import FUNCTIONAL_AREAS

    assert load_functional_areas(city=city, from_file=FUNCTIONAL_AREAS) == ["gaoxin", "tianfu"]
    assert {
        fa.key: sorted(fa.streets.values_list("code", flat=True))
        for fa in FunctionalArea.objects.all()
    } == before


def test_a_street_the_tree_lacks_is_refused_and_nothing_changes(world, tmp_path: Path):
    bad = tmp_path / "fa.csv"
    bad.write_text(
        "city,key,name,short_name,kind,streets\n5101,gaoxin,成都高新区,高新区,hi_tech_zone,510107061 510199999\n",
        encoding="utf-8",
    )
    before = sorted(FunctionalArea.objects.get(key="gaoxin").streets.values_list("code", flat=True))
    with pytest.raises(ValidationError) as exc:
        load_functional_areas(city=world.areas[CITY], from_file=bad)
    assert exc.value.messages == ["功能区“成都高新区”的街道 510199999000 不存在。"]
    assert (
        sorted(FunctionalArea.objects.get(key="gaoxin").streets.values_list("code", flat=True))
        == before
    )
