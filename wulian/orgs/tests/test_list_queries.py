"""The org list page, its export and the endpoint make as many queries for 3 orgs as for 1."""

import pytest
from django.urls import reverse

from wulian.areas.models import Area
from wulian.orgs.models import Kind, Org
from wulian.orgs.services import create_org
from wulian.web.testing import assert_flat_queries, bearer, query_guard

EMPTY = "510104017001"  # 水井坊社区: no demo orgs
LISTS = ["orgs:list", "orgs:export", "api:org_list"]


def _add(world, n: int, start: int = 0) -> None:
    area = Area.objects.get(code=EMPTY)
    for i in range(start, start + n):
        create_org(
            by=None,
            name=f"单位{i}",
            kind=Kind.PRIVATE_FIRM,
            area=area,
            line=world.orgs["dept_market"],
        )


@query_guard(*LISTS)
@pytest.mark.parametrize("name", LISTS)
def test_org_lists_make_as_many_queries_for_3_orgs_as_for_1(world, login, client, name):
    user = login("city_admin")
    _add(world, 1)
    assert_flat_queries(
        client,
        f"{reverse(name)}?area={EMPTY}",
        lambda: _add(world, 2, start=1),
        headers=bearer(user) if name.startswith("api:") else None,
    )
    assert Org.objects.filter(area__code=EMPTY).count() == 3
