"""The org list page and endpoint make as many queries for 3 orgs as for 1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.areas.models import Area
from wulian.orgs.models import Kind
from wulian.orgs.services import create_org

EMPTY = "510104017001"  # 水井坊社区: no demo orgs


def _add(world, n: int, start: int = 0) -> None:
    area = Area.objects.get(code=EMPTY)
    for i in range(start, start + n):
        create_org(by=None, name=f"单位{i}", kind=Kind.PRIVATE_FIRM, area=area, line=world.orgs["dept_market"])


def _count(request) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = request()
    return len(ctx), response


def test_org_list_page_queries_do_not_grow_with_rows(world, login, client):
    login("city_admin")
    _add(world, 1)

    def request():
        return client.get(reverse("orgs:list"), {"area": EMPTY})

    request()  # warm up
    one, response = _count(request)
    assert len(response.context["page_obj"]) == 1
    _add(world, 2, start=1)
    three, response = _count(request)
    assert len(response.context["page_obj"]) == 3
    assert three == one


def test_org_list_endpoint_queries_do_not_grow_with_rows(world, client):
    token = create_token(user=world.users["city_admin"], by=None)
    _add(world, 1)

    def request():
        return client.get(reverse("api:org_list"), {"area": EMPTY}, HTTP_AUTHORIZATION=f"Bearer {token}")

    request()
    one, response = _count(request)
    assert response.json()["count"] == 1
    _add(world, 2, start=1)
    three, response = _count(request)
    assert response.json()["count"] == 3
    assert three == one
