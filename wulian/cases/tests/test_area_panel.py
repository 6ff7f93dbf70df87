from django.urls import reverse

from wulian.cases.models import Case


def test_area_page_shows_resolved_cases_by_category_for_the_subtree(world, client, login):
    login("xiyuhe_admin")
    street = world.areas["510105003000"]
    resolved = Case.objects.filter(area__path__startswith=street.path).resolved()
    page = client.get(reverse("areas:detail", kwargs={"code": street.code}))
    html = page.content.decode()
    assert 'id="resolved-cases"' in html
    assert page.context["panels"] != []
    assert f'<td class="text-end fw-bold">{resolved.count()}</td>' in html


def test_area_page_shows_each_childs_party_body(world, client, login):
    login("xiyuhe_admin")
    page = client.get(reverse("areas:detail", kwargs={"code": "510105003000"}))
    bodies = next(column for column in page.context["columns"] if column.key == "party_body")
    assert (
        bodies.cells[world.areas["510105003003"].path]
        == world.orgs["xihuamen"].get_party_body_display()
    )
    assert "党委" in page.content.decode()


def test_area_panel_is_hidden_from_roles_without_cases(world):
    from django.test import RequestFactory

    from wulian.cases.selectors import area_panel

    request = RequestFactory().get("/")
    request.user = world.users["system_admin"]
    assert area_panel(request, world.areas["510105003000"]) is None
