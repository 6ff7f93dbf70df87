"""Areas over the API: the territory as the caller may see it, with filters and a total count."""

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.web.demo import QINGYUAN, XIHUAMEN, XIYUHE

XIYUHE_COMMUNITIES = [
    "510105003003",
    "510105003006",
    "510105003007",
    "510105003008",
    "510105003010",
]


def _get(client, world, username):
    token = create_token(user=world.users[username], by=None)
    return lambda url, **params: client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_city_admin_lists_districts_streets_and_communities_of_chengdu(world, client):
    get = _get(client, world, "city_admin")
    url = reverse("api:area_list")
    districts = get(url, level="district").json()
    assert (districts["count"], len(districts["items"])) == (20, 20)
    assert get(url, level="street").json()["count"] == 261
    communities = get(url, level="community").json()
    assert (communities["count"], len(communities["items"])) == (3047, 100)  # one page of 100
    last_page = get(url, level="community", offset=3000, limit=100).json()
    assert (last_page["count"], len(last_page["items"])) == (3047, 47)


def test_parent_and_q_filters(world, client):
    get = _get(client, world, "city_admin")
    url = reverse("api:area_list")
    body = get(url, parent=XIYUHE, level="community").json()
    assert (body["count"], [a["code"] for a in body["items"]]) == (5, XIYUHE_COMMUNITIES)
    assert get(url, q="西华门").json() == {
        "count": 1,
        "items": [
            {
                "code": XIHUAMEN,
                "name": "西华门社区",
                "level": "community",
                "parent": XIYUHE,
                "depth": 3,
                "is_urban": True,
            }
        ],
    }
    assert get(url, q="510105003", level="community").json()["count"] == 5  # codes starting so


def test_community_admin_sees_only_the_community(world, client):
    get = _get(client, world, "xihuamen_admin")
    body = get(reverse("api:area_list"), level="community").json()
    assert (body["count"], [a["code"] for a in body["items"]]) == (1, [XIHUAMEN])
    assert get(reverse("api:area_list"), level="street").json() == {"count": 0, "items": []}
    siblings = get(
        reverse("api:area_list"), parent=XIYUHE
    ).json()  # the street's other communities: unseen
    assert (siblings["count"], [a["code"] for a in siblings["items"]]) == (1, [XIHUAMEN])
    assert get(reverse("api:area_detail", kwargs={"code": XIHUAMEN})).json()["name"] == "西华门社区"
    assert get(reverse("api:area_detail", kwargs={"code": QINGYUAN})).status_code == 404
    assert get(reverse("api:area_detail", kwargs={"code": "999999999999"})).status_code == 404


def test_unknown_level_is_a_422_naming_the_parameter(world, client):
    response = _get(client, world, "city_admin")(reverse("api:area_list"), level="planet")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["level"]


def test_role_without_area_view_gets_403(world, client):
    response = _get(client, world, "huaxi_contact")(reverse("api:area_list"))
    assert (response.status_code, response.json()) == (403, {"message": "无权进行此操作。"})
