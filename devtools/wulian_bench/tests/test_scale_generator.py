import pytest

from wulian.figures import services
from wulian.figures.selectors import counter_value
from wulian.web.demo import CITY
from wulian_bench.scale import Plan, generate_chengdu, pick_territory


def _city(world, key):
    return counter_value(world.areas[CITY], key)


@pytest.mark.django_db
def test_the_full_plan_picks_136_urban_streets_and_797_communities_in_all_22_district_units(world):
    from wulian.areas.models import FunctionalArea

    streets, communities = pick_territory(Plan())
    assert (len(streets), len(communities)) == (136, 797)
    assert all(s.is_urban and s.level == "street" for s in streets)
    assert all(c.is_urban and c.parent_id in {s.pk for s in streets} for c in communities)
    # "全市22个区(市)县、136个街道、797个社区": every district and both functional areas take part.
    assert len({s.parent_id for s in streets}) == 20
    functional = FunctionalArea.objects.prefetch_related("streets")
    assert [fa.key for fa in functional if set(fa.streets.all()) <= set(streets)] == [
        "gaoxin",
        "tianfu",
    ]


@pytest.mark.django_db
def test_a_tiny_city_is_generated_and_its_counters_equal_fresh_aggregates(world):
    from wulian.funds.models import Project

    before = Project.objects.count()
    before_fen = _city(world, "funds.received_fen")
    made = generate_chengdu(None, size=0.01)
    assert made["projects (项目)"] == Project.objects.count() - before
    assert _city(world, "funds.projects") == Project.objects.count()
    assert services.check() == []
    # "把政法、民政、文化等20多个部门投向社区的项目资金统筹起来": 22 departments pool the two funds.
    assert made["fund sources (资金来源部门)"] == 22
    assert (
        made["区(市)县 in the evaluation"]
        == made["districts (区(市)县)"] + made["functional areas (功能区)"]
    )
    communities = made["communities (社区)"]
    assert _city(world, "funds.received_fen") - before_fen == communities * 12_800_000 * 100
    assert generate_chengdu(None, size=0.01) == {}  # once only
