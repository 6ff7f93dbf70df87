"""The role-grant form offers a filtered handful of orgs, not every org of the city."""

import re

import pytest
from django.urls import reverse

from wulian.accounts.forms import ORG_CHOICE_LIMIT
from wulian.accounts.models import Role, RoleKind, User
from wulian.audit.models import AuditEntry
from wulian.core import counters
from wulian.orgs.models import Kind, Org
from wulian.web.testing import assert_flat_queries, matching, query_guard


@pytest.fixture
def newcomer(db):
    return User.objects.create(username="newcomer")


def _offered(html: str) -> list[int]:
    select = re.search(r'<select name="org".*?</select>', html, re.S)
    assert select is not None
    return [int(pk) for pk in re.findall(r'<option value="(\d+)"', select.group(0))]


def _add_units(area, n: int, prefix: str = "测试单位") -> None:
    counters.created(
        Org.objects.bulk_create(
            [Org(name=f"{prefix}{i:03d}", kind=Kind.NEW_SOCIAL, area=area) for i in range(n)]
        )
    )


def _roles() -> list[tuple]:
    return list(Role.objects.order_by("id").values_list("user_id", "kind", "org_id"))


def test_grant_page_offers_at_most_the_limit_of_orgs_by_default(world, client, login, newcomer):
    _add_units(world.orgs["xihuamen"].area, ORG_CHOICE_LIMIT + 10)
    login("security_admin")
    response = client.get(reverse("accounts:user_detail", args=[newcomer.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert len(_offered(page)) == ORG_CHOICE_LIMIT
    assert f"仅列出前{ORG_CHOICE_LIMIT}个组织，请按区域代码或名称筛选。" in page


def test_filter_by_area_code_offers_the_orgs_of_that_subtree(world, client, login, newcomer):
    community = world.orgs["xihuamen"].leads
    login("security_admin")
    response = client.get(
        reverse("accounts:user_detail", args=[newcomer.pk]), {"area": community.code}
    )
    expected = Org.objects.filter(area__path__startswith=community.path).order_by(
        "area__path", "name"
    )
    assert _offered(response.content.decode()) == list(expected.values_list("pk", flat=True))
    assert world.orgs["xihuamen"].pk in _offered(response.content.decode())
    assert world.orgs["qingyuan"].pk not in _offered(response.content.decode())


def test_filter_by_name_and_area_together(world, client, login, newcomer):
    street = world.orgs["xiyuhe"].leads
    login("security_admin")
    response = client.get(
        reverse("accounts:role_org_options"), {"area": street.code, "q": "社区党委"}
    )
    assert response.status_code == 200
    expected = Org.objects.filter(area__path__startswith=street.path, name__contains="社区党委")
    assert sorted(_offered(response.content.decode())) == sorted(
        expected.values_list("pk", flat=True)
    )
    assert world.orgs["xihuamen"].pk in _offered(response.content.decode())
    assert world.orgs["hongmenjie"].pk not in _offered(response.content.decode())


def test_endpoint_returns_only_the_select_fragment(world, client, login):
    login("security_admin")
    response = client.get(
        reverse("accounts:role_org_options"), {"q": "西华门"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="col-md-5" id="grant-org">')
    assert "<html" not in html
    assert _offered(html) == [world.orgs["xihuamen"].pk]
    assert "（" + world.orgs["xihuamen"].area.name + "）" in html


def test_an_unknown_area_code_names_the_field_and_offers_nothing(world, client, login):
    login("security_admin")
    response = client.get(reverse("accounts:role_org_options"), {"area": "999999999999"})
    html = response.content.decode()
    assert "区划代码“999999999999”不存在。" in html
    assert _offered(html) == []


def test_granting_a_role_at_a_chosen_org(world, client, login, newcomer):
    login("security_admin")
    response = client.post(
        reverse("accounts:role_grant", args=[newcomer.pk]),
        {"kind": RoleKind.COMMUNITY_STAFF, "org": world.orgs["xihuamen"].pk},
    )
    assert response.status_code == 302
    assert list(newcomer.roles.values_list("kind", "org_id")) == [
        (RoleKind.COMMUNITY_STAFF, world.orgs["xihuamen"].pk)
    ]


def test_an_org_outside_the_filter_is_still_accepted_by_id(world, client, login, newcomer):
    """The filter only narrows what the select offers; grant_role decides which org fits."""
    login("security_admin")
    url = reverse("accounts:role_grant", args=[newcomer.pk]) + "?q=清源"
    response = client.post(
        url, {"kind": RoleKind.COMMUNITY_STAFF, "org": world.orgs["xihuamen"].pk}
    )
    assert response.status_code == 302
    assert list(newcomer.roles.values_list("kind", "org_id")) == [
        (RoleKind.COMMUNITY_STAFF, world.orgs["xihuamen"].pk)
    ]


@pytest.mark.parametrize("org", ["99999999", "abc"])
def test_an_unknown_org_gets_a_field_error_and_nothing_is_written(
    world, client, login, newcomer, org
):
    login("security_admin")
    before, entries = _roles(), AuditEntry.objects.count()
    response = client.post(
        reverse("accounts:role_grant", args=[newcomer.pk]),
        {"kind": RoleKind.COMMUNITY_STAFF, "org": org},
    )
    assert response.status_code == 400
    assert f"编号为“{org}”的组织不存在。" in response.content.decode()
    assert _roles() == before
    assert AuditEntry.objects.count() == entries


def test_a_refused_grant_shows_the_reason_and_keeps_the_chosen_org(world, client, login, newcomer):
    login("security_admin")
    before = _roles()
    response = client.post(
        reverse("accounts:role_grant", args=[newcomer.pk]) + "?q=清源",
        {"kind": RoleKind.UNIT_CONTACT, "org": world.orgs["xihuamen"].pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "驻区单位联络员只能设在驻区单位。" in html
    assert re.search(rf'<option value="{world.orgs["xihuamen"].pk}" selected>', html)
    assert world.orgs["qingyuan"].pk in _offered(html)
    assert _roles() == before


def test_the_system_admin_sees_the_account_without_the_grant_form(world, client, login, newcomer):
    login("system_admin")
    response = client.get(reverse("accounts:user_detail", args=[newcomer.pk]))
    assert response.status_code == 200
    assert 'name="org"' not in response.content.decode()


@query_guard("accounts:role_org_options")
def test_org_options_query_count_does_not_grow_with_the_orgs(world, client, login):
    login("security_admin")
    area = world.orgs["xihuamen"].area
    _add_units(area, 1, prefix="测试单位甲")
    assert_flat_queries(
        client,
        reverse("accounts:role_org_options") + f"?area={area.code}&q=测试单位",
        lambda: _add_units(area, 3),
        grows_by=3,
        rows=matching(r'<option value="\d+"'),
    )
