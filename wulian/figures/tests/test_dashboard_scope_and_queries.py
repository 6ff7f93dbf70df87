import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wulian.core.demo import CITY, HONGMENJIE, QINGYANG, XIHUAMEN, XIYUHE


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


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("name", ["figures:dashboard", "figures:charts", "figures:export"])
@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_children_or_facts(world, client, login, name):
    from wulian.orgs import services as org_services
    from wulian.orgs.models import Kind

    login("city_admin")
    small = _count(client, reverse(name, args=[XIYUHE]))
    big = _count(client, reverse(name, args=[QINGYANG]))  # more children, more facts
    for n in range(3):
        org_services.create_org(by=None, name=f"计数单位{n}", kind=Kind.AGENCY, area=world.areas[XIHUAMEN])
    after = _count(client, reverse(name, args=[XIYUHE]))
    assert small == big == after


@pytest.mark.django_db
def test_api_and_screen_query_counts_are_constant(world, client):
    from wulian.accounts.services import create_token
    from wulian.figures.screen import make_token

    token = create_token(user=world.users["city_admin"], by=None)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    counts = []
    client.get(f"/api/v1/figures/areas/{XIHUAMEN}", **auth)  # warm up (token bookkeeping)
    for code in (XIYUHE, QINGYANG, CITY):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/figures/areas/{code}", **auth)
        assert response.status_code == 200
        counts.append(len(ctx))
    assert len(set(counts)) == 1
    screen = [_count(client, reverse("figures:screen_data", args=[make_token(area_code=c)])) for c in (XIYUHE, CITY)]
    assert screen[0] == screen[1]


@pytest.mark.django_db
def test_api_returns_the_city_figures_and_children(world, client):
    from wulian.accounts.services import create_token
    from wulian.orgs.models import Org

    token = create_token(user=world.users["city_admin"], by=None)
    data = client.get(f"/api/v1/figures/areas/{CITY}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert data["figures"]["orgs.total"] == Org.objects.count()
    assert len(data["children"]) == 20
