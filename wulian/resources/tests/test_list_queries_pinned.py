"""The inventory endpoint and pages answer in a fixed, small number of queries once the user's
scope is in the shared cache: each resource's hours, blackouts and eligible areas and orgs come
as JSON columns of the page's own query (``selectors.with_children``; the pages, which show only
the opening hours, ``selectors.with_hours``), not a query per relation or a queryset per row."""

import datetime as dt

import pytest
from django.urls import reverse

from wulian.accounts.selectors import scope_for
from wulian.web.testing import assert_flat_queries, bearer, count_rows, links_to

pytestmark = pytest.mark.django_db


def test_resource_list_makes_three_queries(
    world, make_resource, client, django_capture_on_commit_callbacks
):
    make_resource(name="一号")

    def two_more():
        make_resource(name="二号", eligible_orgs=[world.orgs["library"]])
        make_resource(
            name="三号",
            eligible_areas=[world.areas["510107005008"]],
            blackouts=[(dt.date(2027, 1, 1), "检修")],
        )

    user = world.users["city_admin"]
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # as a first request would: into the cache
        scope_for(user)
    count = assert_flat_queries(
        client, reverse("api:resource_list"), two_more, headers=bearer(user)
    )
    assert count == 3  # the token with its account, the count, the page with its children


def test_resource_list_shows_the_children_in_order(world, make_resource, client):
    resource = make_resource(
        name="一号",
        eligible_orgs=[world.orgs["library"]],
        eligible_areas=[world.areas["510107005008"], world.areas["510105003003"]],
        blackouts=[(dt.date(2027, 2, 1), "检修"), (dt.date(2027, 1, 1), "元旦")],
    )
    response = client.get(
        reverse("api:resource_list") + "?limit=200", **bearer(world.users["city_admin"])
    )
    item = next(i for i in response.json()["items"] if i["id"] == resource.pk)
    detail = client.get(
        reverse("api:resource_detail", args=[resource.pk]), **bearer(world.users["city_admin"])
    )
    assert item == detail.json()
    assert item["blackouts"] == [
        {"date": "2027-01-01", "reason": "元旦"},
        {"date": "2027-02-01", "reason": "检修"},
    ]
    assert item["eligible_areas"] == ["510105003003", "510107005008"]
    assert item["eligible_orgs"] == [world.orgs["library"].pk]
    assert item["hours"] == [
        {"weekday": h.weekday, "start": f"{h.start:%H:%M:%S}", "end": f"{h.end:%H:%M:%S}"}
        for h in resource.hours.order_by("weekday", "start")
    ]


@pytest.mark.parametrize(
    ("name", "username", "pinned"),
    [
        ("resources:inventory", "city_admin", 7),  # was 8: the opening hours of the page's rows
        ("resources:browse", "resident_demo", 8),  # was 9: the same
    ],
)
def test_resource_pages_read_the_opening_hours_in_the_lists_query(
    world,
    make_resource,
    client,
    login,
    clock,
    django_capture_on_commit_callbacks,
    name,
    username,
    pinned,
):
    user = login(username)
    make_resource(name="一号")

    def two_more():
        make_resource(
            name="二号",
            hours=[
                (0, dt.time(14), dt.time(18)),
                (0, dt.time(9), dt.time(12)),
                (1, dt.time(9), dt.time(12)),
                (1, dt.time(14), dt.time(18)),
            ],
        )
        make_resource(
            name="三号", hours=[(5, dt.time(8), dt.time(20)), (6, dt.time(8), dt.time(20))]
        )

    with django_capture_on_commit_callbacks(
        execute=True
    ):  # as a first request would: into the cache
        scope_for(user)
    rows = links_to("resources:book") if name == "resources:browse" else count_rows
    assert assert_flat_queries(client, reverse(name), two_more, rows=rows) == pinned
    page = client.get(reverse(name)).content.decode()
    assert "星期一至星期二 09:00-12:00、14:00-18:00" in page
    assert "星期六至星期日 08:00-20:00" in page
