"""The area endpoint and the area page make as many queries for 3 children as for 1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.areas.models import Area
from wulian.areas.services import create_grid
from wulian.web.testing import assert_flat_queries, bearer, query_guard

COMMUNITY = "510104017001"  # 水井坊社区: no grids yet


def _add(n: int, start: int = 0) -> None:
    community = Area.objects.get(code=COMMUNITY)
    for i in range(start, start + n):
        create_grid(community=community, name=f"第{i + 1}网格", by=None)


def _count(request) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = request()
    return len(ctx), response


@query_guard("api:area_list")
def test_area_list_endpoint_queries_do_not_grow_with_rows(world, client):
    _add(1)
    url = f"{reverse('api:area_list')}?parent={COMMUNITY}"
    headers = bearer(world.users["city_admin"])
    assert_flat_queries(client, url, lambda: _add(2, start=1), headers=headers)
    names = [a["name"] for a in client.get(url, **headers).json()["items"]]
    assert names == ["第1网格", "第2网格", "第3网格"]


def test_area_page_queries_do_not_grow_with_children(world, login, client):
    login("city_admin")
    _add(1)

    def request():
        return client.get(reverse("areas:detail", kwargs={"code": COMMUNITY}))

    request()
    one, response = _count(request)
    assert len(response.context["rows"]) == 1
    _add(2, start=1)
    three, response = _count(request)
    assert len(response.context["rows"]) == 3
    assert three == one
