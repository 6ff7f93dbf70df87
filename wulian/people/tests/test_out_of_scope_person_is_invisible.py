"""A person outside the user's subtree does not exist for that user: 404 on page and API, in
no list and in no count. (西华门社区's admin and 刘洋 of 清源社区 next door.)"""

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.people.models import Person
from wulian.web.demo import QINGYUAN, XIHUAMEN, XIYUHE


def _living_in(code: str) -> list[str]:
    """Names of everyone living in the area, in list order (other apps' demos add residents)."""
    return list(Person.objects.filter(home_area__code=code).values_list("name", flat=True))


def _api(client, world, username):
    token = create_token(user=world.users[username], by=None)
    return lambda url, **params: client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_person_of_another_community_answers_404_on_pages(world, login, client):
    login("xihuamen_admin")
    liu_yang = world.people["liu_yang"]
    assert client.get(reverse("people:detail", kwargs={"pk": liu_yang.pk})).status_code == 404
    assert client.get(reverse("people:edit", kwargs={"pk": liu_yang.pk})).status_code == 404
    assert (
        client.post(
            reverse("people:reveal", kwargs={"pk": liu_yang.pk, "field": "phone"})
        ).status_code
        == 404
    )
    assert client.get(reverse("areas:detail", kwargs={"code": QINGYUAN})).status_code == 404


def test_person_of_another_community_answers_404_on_the_api(world, client):
    get = _api(client, world, "xihuamen_admin")
    response = get(reverse("api:person_detail", kwargs={"pk": world.people["liu_yang"].pk}))
    assert response.status_code == 404
    assert response.json() == {"message": "不存在。"}
    assert get(reverse("api:area_detail", kwargs={"code": QINGYUAN})).status_code == 404


def test_person_of_another_community_is_in_no_list(world, login, client):
    login("xihuamen_admin")
    page = client.get(reverse("people:list"))
    xihuamen = _living_in(XIHUAMEN)
    assert {"张敏", "陈丽", "赵强"} <= set(xihuamen)
    assert "刘洋" not in xihuamen
    assert [p.name for p in page.context["page_obj"]] == xihuamen
    # Not even by a search on the full phone number.
    page = client.post(reverse("people:list"), {"q": "13880001006"})
    assert list(page.context["page_obj"]) == []
    page = client.get(reverse("people:list"), {"area": QINGYUAN})
    assert list(page.context["page_obj"]) == []

    get = _api(client, world, "xihuamen_admin")
    body = get(reverse("api:person_list")).json()
    assert (body["count"], [p["name"] for p in body["items"]]) == (len(xihuamen), xihuamen)
    token = create_token(user=world.users["xihuamen_admin"], by=None)
    found = client.post(
        reverse("api:person_search"),
        {"q": "13880001006"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert found.json() == {"items": [], "count": 0}
    assert get(reverse("api:person_list"), area=QINGYUAN).json() == {"items": [], "count": 0}


def _people(page):
    """The people app's column of the area page (people/panels.py)."""
    return next(column for column in page.context["columns"] if column.key == "people")


def test_person_of_another_community_is_in_no_count(world, login, client):
    login("xihuamen_admin")
    xihuamen = len(_living_in(XIHUAMEN))
    page = client.get(reverse("areas:detail", kwargs={"code": XIHUAMEN}))
    assert _people(page).total == xihuamen
    # The street's admin counts its communities; 清源社区 is in another street (苏坡).
    login("xiyuhe_admin")
    page = client.get(reverse("areas:detail", kwargs={"code": XIYUHE}))
    in_street = Person.objects.filter(home_area__path__startswith=world.areas[XIYUHE].path).count()
    assert _people(page).total == in_street
    assert sum(_people(page).cells.values()) == in_street
    assert QINGYUAN not in {c.code for c, _cells in page.context["rows"]}


def test_city_admin_sees_both_communities(world, client):
    get = _api(client, world, "city_admin")
    qingyuan = get(reverse("api:person_list"), area=QINGYUAN).json()
    assert (qingyuan["count"], [p["name"] for p in qingyuan["items"]]) == (
        len(_living_in(QINGYUAN)),
        _living_in(QINGYUAN),
    )
    assert "刘洋" in _living_in(QINGYUAN)
    assert get(reverse("api:person_list"), area=XIHUAMEN).json()["count"] == len(
        _living_in(XIHUAMEN)
    )
    assert (
        get(reverse("api:person_detail", kwargs={"pk": world.people["liu_yang"].pk})).status_code
        == 200
    )
