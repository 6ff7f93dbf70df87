import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.assessments import services
from wulian.assessments.models import IndicatorSystem
from wulian.web.demo import CHENGHUA, QINGYANG, WUHOU
from wulian.web.testing import assert_flat_queries, bearer, query_guard

pytestmark = pytest.mark.django_db
_year = iter(range(2000, 2100))


def _systems(world):
    year = next(_year)
    for code in [CHENGHUA, QINGYANG, WUHOU]:
        services.create_system(by=None, area=world.areas[code], year=year)


def _reports(world):
    year = next(_year)
    for key in ["xiyuhe", "supo", "xihuamen"]:
        services.submit_report(
            by=None, org=world.orgs[key], year=year, secretary="书记", text="述职。"
        )


def _scores(world, system):
    """Three more manual scores and reports of the assessed streets: the table stays flat."""
    year = system.year
    manual = system.indicators.get(source="manual")
    services.score_manual(
        by=None,
        indicator=manual,
        scores={world.orgs["xiyuhe"].pk: "70", world.orgs["supo"].pk: "60"},
    )
    services.submit_report(
        by=None, org=world.orgs["supo"], year=year, secretary="书记", text="述职。"
    )


@query_guard(
    "assessments:list",
    "assessments:reports",
    "assessments:export",
    "api:assessment_list",
    "api:report_list",
)
def test_lists_are_flat(world, client):
    client.force_login(world.users["city_admin"])
    headers = bearer(world.users["city_admin"])
    assert_flat_queries(client, reverse("assessments:list"), lambda: _systems(world), grows_by=3)
    assert_flat_queries(client, reverse("assessments:reports"), lambda: _reports(world), grows_by=3)
    assert_flat_queries(
        client, reverse("api:assessment_list"), lambda: _systems(world), headers=headers, grows_by=3
    )
    assert_flat_queries(
        client, reverse("api:report_list"), lambda: _reports(world), headers=headers, grows_by=3
    )
    system = IndicatorSystem.objects.get(
        area__code=QINGYANG, year=timezone.localdate().year
    )  # the demo's
    # One row per assessed org: the scores fill cells, they add no rows.
    assert_flat_queries(
        client,
        reverse("assessments:export", args=[system.pk]),
        lambda: _scores(world, system),
        grows_by=None,
    )
