"""The people list page and endpoint make as many queries for 3 people as for 1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.areas.models import Area
from wulian.orgs.models import Kind
from wulian.orgs.services import create_org
from wulian.people.services import create_person

EMPTY = "510104017001"  # 水井坊社区: no demo people


def _add(n: int, start: int = 0) -> None:
    area = Area.objects.get(code=EMPTY)
    unit = create_org(by=None, name=f"水井坊单位{start}", kind=Kind.PRIVATE_FIRM, area=area)
    for i in range(start, start + n):
        create_person(by=None, name=f"居民{i}", phone=f"1390000{i:04d}", home_area=area, is_party_member=True,
                      party_org=unit, skills="书法")


def _count(request) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = request()
    return len(ctx), response


def test_people_list_page_queries_do_not_grow_with_rows(world, login, client):
    login("city_admin")
    _add(1)

    def request():
        return client.get(reverse("people:list"), {"area": EMPTY})

    request()
    one, response = _count(request)
    assert len(response.context["page_obj"]) == 1
    _add(2, start=1)
    three, response = _count(request)
    assert len(response.context["page_obj"]) == 3
    assert three == one


def test_people_list_endpoint_queries_do_not_grow_with_rows(world, client):
    token = create_token(user=world.users["city_admin"], by=None)
    _add(1)

    def request():
        return client.get(reverse("api:person_list"), {"area": EMPTY}, HTTP_AUTHORIZATION=f"Bearer {token}")

    request()
    one, response = _count(request)
    assert response.json()["count"] == 1
    _add(2, start=1)
    three, response = _count(request)
    assert response.json()["count"] == 3
    assert three == one
