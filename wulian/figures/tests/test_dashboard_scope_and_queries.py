import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.web.demo import CITY, HONGMENJIE, QINGYANG, XIHUAMEN, XIYUHE
from wulian.web.testing import assert_flat_queries, bearer, query_guard


@pytest.mark.django_db
def test_a_community_admin_gets_404_for_another_communitys_dashboard(world, client, login):
    login("xihuamen_admin")
    assert client.get(reverse("figures:dashboard", args=[XIHUAMEN])).status_code == 200
    assert client.get(reverse("figures:dashboard", args=[HONGMENJIE])).status_code == 404
    assert client.get(reverse("figures:charts", args=[HONGMENJIE])).status_code == 404
    assert client.get(reverse("figures:export", args=[HONGMENJIE])).status_code == 404


@pytest.mark.django_db
def test_city_dashboard_shows_figures_from_counters(world, client, login):
    from wulian.orgs.models import Org

    login("city_admin")
    body = client.get(reverse("figures:dashboard", args=[CITY])).content.decode()
    assert f'data-key="orgs.total">{Org.objects.count()}<' in body
    assert "青羊区" in body  # drill-down row


DASHBOARDS = [
    "figures:dashboard",
    "figures:charts",
    "figures:export",
    "figures:screen",
    "figures:screen_data",
    "api:figures_area",
]


def _url(name, code):
    from wulian.figures.screen import make_token

    return reverse(
        name, args=[make_token(area_code=code) if name.startswith("figures:screen") else code]
    )


def _count(client, url, headers):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len(ctx)


@query_guard(*DASHBOARDS)
@pytest.mark.parametrize("name", DASHBOARDS)
@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_children_or_facts(world, client, login, name):
    from wulian.areas.services import create_grid
    from wulian.orgs import services as org_services
    from wulian.orgs.models import Kind

    user = login("city_admin")
    headers = bearer(user) if name.startswith("api:") else {}
    community = world.areas[XIHUAMEN]

    def facts_and_children():
        for n in range(3):
            org_services.create_org(by=None, name=f"计数单位{n}", kind=Kind.AGENCY, area=community)
        for n in range(2):
            create_grid(community=community, name=f"计数网格{n}", by=None)

    # A dashboard shows figures, not rows: the facts and children change its figures only.
    assert_flat_queries(
        client, _url(name, XIHUAMEN), facts_and_children, headers=headers, grows_by=None
    )
    # A district has more children and more facts below it than a street: the same queries.
    assert _count(client, _url(name, XIYUHE), headers) == _count(
        client, _url(name, QINGYANG), headers
    )


@pytest.mark.django_db
def test_api_returns_the_city_figures_and_children(world, client):
    from wulian.accounts.services import create_token
    from wulian.orgs.models import Org

    token = create_token(user=world.users["city_admin"], by=None)
    data = client.get(f"/api/v1/figures/areas/{CITY}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert data["figures"]["orgs.total"] == Org.objects.count()
    assert len(data["children"]) == 20
