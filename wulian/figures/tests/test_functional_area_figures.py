"""The city's dashboard counts 22 区(市)县: its 20 districts and the functional areas 天府新区 and
高新区, whose figures are their streets' and are not added to the city's a second time."""

import pytest
from django.urls import reverse

from wulian.areas.models import Area
from wulian.cases import services as cases
from wulian.figures import selectors
from wulian.web.demo import CITY
from wulian.web.testing import bearer

pytestmark = pytest.mark.django_db


def test_the_city_dashboard_counts_22_district_units_and_a_functional_areas_figure_is_its_streets(
    world,
):
    community = Area.objects.get(parent__name="芳草街街道", level="community", code__endswith="001")
    before = selectors.dashboard(world.areas[CITY])
    case = cases.register_case(
        by=None, area=community, category="other", title="高新区测试", description="d"
    )
    cases.resolve_case(case=case, by=None, resolution="已调解", method="mediation")
    after = selectors.dashboard(world.areas[CITY])
    assert (len(after.children), len(after.functional), after.district_units) == (20, 2, 22)
    functional = {fa.key: values for fa, values in after.functional}
    was = {fa.key: values for fa, values in before.functional}
    assert functional["gaoxin"]["cases.resolved"] == was["gaoxin"].get("cases.resolved", 0) + 1
    assert functional["tianfu"].get("cases.resolved", 0) == was["tianfu"].get("cases.resolved", 0)
    assert (
        after.figures["cases.resolved"] == before.figures["cases.resolved"] + 1
    )  # counted once in the city
    wuhou = {c.name: v for c, v in after.children}["武侯区"]
    was_wuhou = {c.name: v for c, v in before.children}["武侯区"]
    assert wuhou["cases.resolved"] == was_wuhou.get("cases.resolved", 0) + 1


def test_the_dashboard_page_and_the_api_show_the_functional_areas(world, client, login):
    user = login("city_admin")
    page = client.get(reverse("figures:dashboard", args=[CITY])).content.decode()
    assert "功能区（20个行政区 + 2个功能区 = 22个区(市)县）" in page
    assert "高新区（7个街道）" in page
    assert "天府新区（10个街道）" in page
    data = client.get(reverse("api:figures_area", args=[CITY]), **bearer(user)).json()
    assert sorted((fa["key"], len(fa["streets"])) for fa in data["functional_areas"]) == [
        ("gaoxin", 7),
        ("tianfu", 10),
    ]
    assert len(data["children"]) == 20


def test_a_district_dashboard_has_no_functional_rows(world):
    assert selectors.dashboard(Area.objects.get(code="510107000000")).functional == []
