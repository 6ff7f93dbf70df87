"""A person outside the user's subtree does not exist for that user: 404 on page and API, in
no list and in no count. (西华门社区's admin and 刘洋 of 清源社区 next door.)"""

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.core.demo import QINGYUAN, XIHUAMEN, XIYUHE

XIHUAMEN_PEOPLE = ["张敏", "赵强", "陈丽"]  # ordered as listed: by name within the area


def _api(client, world, username):
    token = create_token(user=world.users[username], by=None)
    return lambda url, **params: client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_person_of_another_community_answers_404_on_pages(world, login, client):
    login("xihuamen_admin")
    liu_yang = world.people["liu_yang"]
    assert client.get(reverse("people:detail", kwargs={"pk": liu_yang.pk})).status_code == 404
    assert client.get(reverse("people:edit", kwargs={"pk": liu_yang.pk})).status_code == 404
    assert client.post(reverse("people:reveal", kwargs={"pk": liu_yang.pk, "field": "phone"})).status_code == 404
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
    assert [p.name for p in page.context["page_obj"]] == XIHUAMEN_PEOPLE
    # Not even by a search on the full phone number.
    page = client.get(reverse("people:list"), {"q": "13880001006"})
    assert list(page.context["page_obj"]) == []
    page = client.get(reverse("people:list"), {"area": QINGYUAN})
    assert list(page.context["page_obj"]) == []

    get = _api(client, world, "xihuamen_admin")
    body = get(reverse("api:person_list")).json()
    assert (body["count"], [p["name"] for p in body["items"]]) == (3, XIHUAMEN_PEOPLE)
    assert get(reverse("api:person_list"), q="13880001006").json() == {"items": [], "count": 0}
    assert get(reverse("api:person_list"), area=QINGYUAN).json() == {"items": [], "count": 0}


def test_person_of_another_community_is_in_no_count(world, login, client):
    login("xihuamen_admin")
    page = client.get(reverse("areas:detail", kwargs={"code": XIHUAMEN}))
    assert page.context["people_total"] == 3
    # The street's admin sees both communities' people; 清源社区 is in another street.
    login("xiyuhe_admin")
    page = client.get(reverse("areas:detail", kwargs={"code": XIYUHE}))
    assert page.context["people_total"] == 3
    assert {c.code: n for c, _orgs, n in page.context["rows"] if n} == {XIHUAMEN: 3}


def test_city_admin_sees_both_communities(world, client):
    get = _api(client, world, "city_admin")
    assert get(reverse("api:person_list"), area=QINGYUAN).json()["count"] == 3
    assert get(reverse("api:person_list"), area=XIHUAMEN).json()["count"] == 3
    assert get(reverse("api:person_detail", kwargs={"pk": world.people["liu_yang"].pk})).status_code == 200
