"""The people list page, its export and the endpoint make as many queries for 3 people as for 1."""

import pytest
from django.urls import reverse

from wulian.areas.models import Area
from wulian.orgs.models import Kind
from wulian.orgs.services import create_org
from wulian.people.models import Person
from wulian.people.services import create_person
from wulian.web.testing import assert_flat_queries, bearer, query_guard

EMPTY = "510104017001"  # 水井坊社区: no demo people
LISTS = ["people:list", "people:export", "api:person_list"]


def _add(n: int, start: int = 0) -> None:
    area = Area.objects.get(code=EMPTY)
    unit = create_org(by=None, name=f"水井坊单位{start}", kind=Kind.PRIVATE_FIRM, area=area)
    for i in range(start, start + n):
        create_person(
            by=None,
            name=f"居民{i}",
            phone=f"1390000{i:04d}",
            home_area=area,
            is_party_member=True,
            party_org=unit,
            skills="书法",
        )


@query_guard(*LISTS)
@pytest.mark.parametrize("name", LISTS)
def test_people_lists_make_as_many_queries_for_3_people_as_for_1(world, login, client, name):
    user = login("city_admin")
    _add(1)
    assert_flat_queries(
        client,
        f"{reverse(name)}?area={EMPTY}",
        lambda: _add(2, start=1),
        headers=bearer(user) if name.startswith("api:") else None,
    )
    assert Person.objects.filter(home_area__code=EMPTY).count() == 3
