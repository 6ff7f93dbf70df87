"""Every list page and list endpoint makes the same number of queries for 1 item as for 3."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.needs import services
from wulian.needs.models import CommunityRegistration, Need, State
from wulian.needs.tests.helpers import huaxi, post, post_in_xihuamen

pytestmark = pytest.mark.django_db


def _count(client, url, **headers) -> int:
    client.get(url, **headers)  # warm up: the token's last use and the session are written once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _guard(client, url, add_two, expect_items, **headers):
    one = _count(client, url, **headers)
    add_two()
    three = _count(client, url, **headers)
    assert expect_items() == 3
    assert three == one


def _hide_open_needs():
    Need.objects.filter(state=State.POSTED).update(state=State.CANCELLED)


def _posts(world, n, **kw):
    return [post(world, title=f"第{i}条", **kw) for i in range(n)]


@pytest.mark.parametrize("api", [False, True])
def test_menu(world, client, login, api):
    _hide_open_needs()
    post(world, title="一")
    user = login("huaxi_contact")
    url, headers = reverse("needs:menu"), {}
    if api:
        url, headers = reverse("api:need_menu"), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"}
    _guard(client, url, lambda: _posts(world, 2), lambda: Need.objects.filter(state=State.POSTED).count(), **headers)


def test_my_needs(world, client, login):
    post(world, by="member_demo", title="一")
    login("member_demo")
    _guard(client, reverse("needs:mine"), lambda: _posts(world, 2, by="member_demo"),
           lambda: Need.objects.filter(posted_by=world.people["wang_jianguo"]).count())


def test_staff_list_and_api_list(world, client, login):
    user = login("xihuamen_staff")
    token = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"}
    in_area = lambda: Need.objects.filter(community=world.areas["510105003003"]).count()  # noqa: E731
    assert in_area() == 1  # the demo's need for 赵强
    one_page, one_api = _count(client, reverse("needs:list")), _count(client, reverse("api:need_list"), **token)
    post_in_xihuamen(world, "二")
    post_in_xihuamen(world, "三")
    assert in_area() == 3
    assert _count(client, reverse("needs:list")) == one_page
    assert _count(client, reverse("api:need_list"), **token) == one_api


def test_claimed(world, client, login):
    login("huaxi_contact")
    by = world.users["huaxi_contact"]

    def claim_two():
        for need in _posts(world, 2):
            services.claim_need(need=need, by=by, provider=huaxi(world))

    _guard(client, reverse("needs:claimed"), claim_two,
           lambda: Need.objects.filter(provider_org=world.orgs["huaxi"]).count())


def test_ledger_page_and_api(world, client, login):
    user = login("huaxi_contact")
    token = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"}
    huaxi_org = world.orgs["huaxi"]
    one_page, one_api = _count(client, reverse("needs:ledger")), _count(client, reverse("api:need_ledger"), **token)
    for points in (1, 2):
        services.correct_compensation(by=None, reason="补记", points=points, org=huaxi_org)
    assert huaxi_org.compensation_entries.count() == 3
    assert _count(client, reverse("needs:ledger")) == one_page
    assert _count(client, reverse("api:need_ledger"), **token) == one_api


def test_registrations(world, client, login):
    login("city_admin")
    hongmenjie = world.areas["510107005008"]

    def two_more():
        for key in ("zheng_wei", "li_xiuying"):
            CommunityRegistration.objects.create(person=world.people[key], community=hongmenjie)

    _guard(client, reverse("needs:registrations"), two_more, lambda: CommunityRegistration.objects.active().count())
