"""Every list page and list endpoint makes the same number of queries for 1 item as for 3."""

import pytest
from django.urls import reverse

from wulian.core import counters
from wulian.needs import services
from wulian.needs.models import CommunityRegistration, Need, State
from wulian.needs.tests.helpers import huaxi, post, post_in_xihuamen
from wulian.web.testing import assert_flat_queries, bearer, count_rows, links_to, query_guard

pytestmark = pytest.mark.django_db


def _guard(client, url, add_two, expect_items, rows=count_rows, **headers):
    assert_flat_queries(client, url, add_two, headers=headers, rows=rows)
    assert expect_items() == 3


def _hide_open_needs():
    counters.update(Need.objects.filter(state=State.POSTED), state=State.CANCELLED)


def _posts(world, n, **kw):
    return [post(world, title=f"第{i}条", **kw) for i in range(n)]


@query_guard("needs:menu", "api:need_menu")
@pytest.mark.parametrize("name", ["needs:menu", "api:need_menu"])
def test_menu(world, client, login, name):
    _hide_open_needs()
    post(world, title="一")
    user = login("huaxi_contact")
    headers = bearer(user) if name.startswith("api:") else {}
    _guard(
        client,
        reverse(name),
        lambda: _posts(world, 2),
        lambda: Need.objects.filter(state=State.POSTED).count(),
        **headers,
    )


@query_guard("needs:mine")
def test_my_needs(world, client, login):
    post(world, by="member_demo", title="一")
    login("member_demo")
    _guard(
        client,
        reverse("needs:mine"),
        lambda: _posts(world, 2, by="member_demo"),
        lambda: Need.objects.filter(posted_by=world.people["wang_jianguo"]).count(),
        rows=links_to("needs:detail"),
    )


@query_guard("needs:list", "needs:export", "api:need_list")
@pytest.mark.parametrize("name", ["needs:list", "needs:export", "api:need_list"])
def test_staff_lists(world, client, login, name):
    user = login("xihuamen_staff")
    headers = bearer(user) if name.startswith("api:") else {}
    in_area = lambda: Need.objects.filter(community=world.areas["510105003003"]).count()  # noqa: E731
    assert in_area() == 1  # the demo's need for 赵强
    _guard(
        client,
        reverse(name),
        lambda: (post_in_xihuamen(world, "二"), post_in_xihuamen(world, "三")),
        in_area,
        **headers,
    )


@query_guard("needs:claimed")
def test_claimed(world, client, login):
    login("huaxi_contact")
    by = world.users["huaxi_contact"]

    def claim_two():
        for need in _posts(world, 2):
            services.claim_need(need=need, by=by, provider=huaxi(world))

    _guard(
        client,
        reverse("needs:claimed"),
        claim_two,
        lambda: Need.objects.filter(provider_org=world.orgs["huaxi"]).count(),
    )


@query_guard("needs:ledger", "api:need_ledger")
@pytest.mark.parametrize("name", ["needs:ledger", "api:need_ledger"])
def test_ledger(world, client, login, name):
    user = login("huaxi_contact")
    headers = bearer(user) if name.startswith("api:") else {}
    huaxi_org = world.orgs["huaxi"]

    def two_entries():
        for points in (1, 2):
            services.correct_compensation(by=None, reason="补记", points=points, org=huaxi_org)

    _guard(
        client,
        reverse(name),
        two_entries,
        lambda: huaxi_org.compensation_entries.count(),
        **headers,
    )


@query_guard("needs:registrations")
def test_registrations(world, client, login):
    login("city_admin")
    hongmenjie = world.areas["510107005008"]

    def two_more():
        for key in ("zheng_wei", "li_xiuying"):
            CommunityRegistration.objects.create(person=world.people[key], community=hongmenjie)

    _guard(
        client,
        reverse("needs:registrations"),
        two_more,
        lambda: CommunityRegistration.objects.active().count(),
    )


@query_guard("api:need_message_list")
def test_message_list(world, client, login):
    need = services.claim_need(
        need=post(world, title="留言"), by=world.users["huaxi_contact"], provider=huaxi(world)
    )
    services.post_need_message(need=need, by=world.users["resident_demo"], body="一")

    def two_more():
        for body in ("二", "三"):
            services.post_need_message(need=need, by=world.users["huaxi_contact"], body=body)

    _guard(
        client,
        reverse("api:need_message_list", kwargs={"pk": need.pk}),
        two_more,
        lambda: need.messages.count(),
        **bearer(world.users["resident_demo"]),
    )
