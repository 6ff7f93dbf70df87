import pytest

from wulian.core.demo import CITY
from wulian.figures import services
from wulian.figures.models import ALL_TIME, Counter
from wulian.figures.scale import Plan, generate_chengdu, pick_territory


def _city(world, key):
    row = Counter.objects.filter(area=world.areas[CITY], key=key, period=ALL_TIME).first()
    return row.value if row else 0


@pytest.mark.django_db
def test_the_full_plan_picks_136_urban_streets_and_797_communities(world):
    streets, communities = pick_territory(Plan())
    assert (len(streets), len(communities)) == (136, 797)
    assert all(s.is_urban and s.level == "street" for s in streets)
    assert all(c.is_urban and c.parent_id in {s.pk for s in streets} for c in communities)


@pytest.mark.django_db
def test_a_tiny_city_is_generated_and_its_counters_equal_fresh_aggregates(world):
    from wulian.funds.models import Project

    before = Project.objects.count()
    made = generate_chengdu(None, size=0.01)
    assert made["projects (项目)"] == Project.objects.count() - before
    assert _city(world, "funds.projects") == Project.objects.count()
    assert services.check() == []
    assert generate_chengdu(None, size=0.01) == {}  # once only
