"""Query-count guards: list and detail pages and endpoints do not grow with their rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.core import counters
from wulian.evaluations import services
from wulian.evaluations.models import EvaluationRound
from wulian.web.demo import XIHUAMEN
from wulian.web.testing import assert_flat_queries, bearer, query_guard


def _n(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len(ctx)


@query_guard("evaluations:list", "api:evaluation_round_list")
@pytest.mark.parametrize("name", ["evaluations:list", "api:evaluation_round_list"])
@pytest.mark.django_db
def test_round_lists_query_count_is_constant(world, client, login, name):
    user = login("city_admin")

    def three_rounds():
        for n in range(3):
            services.create_round(by=None, scope=world.areas[XIHUAMEN], year=2050 + n)

    assert_flat_queries(
        client,
        reverse(name),
        three_rounds,
        headers=bearer(user) if name.startswith("api:") else None,
        grows_by=3,
    )


@query_guard("evaluations:export")
@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_results(world, client, login):
    from wulian.evaluations.models import Result
    from wulian.evaluations.tests.factories import open_round

    login("city_admin")
    small = services.publish_round(round=open_round(world.areas[XIHUAMEN]), by=None)
    big = EvaluationRound.objects.get(year=2025, scope__code="510100000000")

    def two_more_results():
        taken = Result.objects.filter(round=small).values("org")
        for r in Result.objects.filter(round=big).exclude(org__in=taken)[:2]:
            counters.created(
                Result.objects.create(
                    round=small, org=r.org, area=r.area, side=r.side, total=r.total, rank=r.rank
                )
            )

    before = Result.objects.filter(round=small).count()
    assert_flat_queries(
        client, reverse("evaluations:export", kwargs={"pk": small.pk}), two_more_results
    )
    assert Result.objects.filter(round=small).count() == before + 2


@pytest.mark.django_db
def test_detail_and_export_query_counts_do_not_grow_with_results(world, client, login):
    from wulian.evaluations.models import Result
    from wulian.evaluations.tests.factories import open_round

    login("city_admin")
    small = services.publish_round(round=open_round(world.areas[XIHUAMEN]), by=None)
    big = EvaluationRound.objects.get(year=2025, scope__code="510100000000")
    assert Result.objects.filter(round=small).count() < Result.objects.filter(round=big).count()
    for name in ("evaluations:detail", "evaluations:export", "api:evaluation_round_detail"):
        url = reverse(name, kwargs={"pk": big.pk})
        headers = {}
        if name.startswith("api:"):
            from wulian.accounts.services import create_token

            headers = {
                "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['city_admin'], by=None)}"
            }
        client.get(url, **headers)
        a = _n(client, url, **headers)
        b = _n(client, reverse(name, kwargs={"pk": small.pk}), **headers)
        assert a == b, (name, a, b)
