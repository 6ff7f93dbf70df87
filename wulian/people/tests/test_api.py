"""People over the API: masked values only, the same services and scope as the pages."""

import json

from django.db.models import Q
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.people.models import Person
from wulian.web.demo import HONGMENJIE, QINGYUAN, WUHOU, XIHUAMEN


class Api:
    def __init__(self, client, world, username):
        self.client = client
        self.auth = {
            "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users[username], by=None)}"
        }

    def get(self, url, **params):
        return self.client.get(url, params, **self.auth)

    def send(self, method, url, body):
        return getattr(self.client, method)(
            url, json.dumps(body), content_type="application/json", **self.auth
        )


def _people() -> list[tuple]:
    return list(
        Person.objects.order_by("id").values_list(
            "id", "name", "phone_index", "home_area_id", "skills"
        )
    )


def test_create_person_returns_masked_values_only(world, client):
    response = Api(client, world, "xihuamen_admin").send(
        "post",
        reverse("api:person_create"),
        {
            "name": "林青",
            "phone": "13912345678",
            "home_area": XIHUAMEN,
            "is_party_member": True,
            "party_org": world.orgs["museum"].pk,
            "skills": "讲解",
            "address": "西华门街 8号 2 单元301",
        },
    )
    assert response.status_code == 201
    person = Person.objects.get(name="林青")
    assert response.json() == {
        "id": person.pk,
        "name": "林青",
        "phone": "139****5678",
        "id_number": "",
        "is_party_member": True,
        "party_org": world.orgs["museum"].pk,
        "party_org_name": "成都博物馆",
        "skills": "讲解",
        "home_area": XIHUAMEN,
        "home_area_name": "西华门社区",
        "address": "西华门街8号****",
    }
    assert (person.clear_phone(), person.clear_address()) == ("13912345678", "西华门街8号2单元301")


def test_bad_input_is_a_422_per_field_and_nothing_is_written(world, client):
    api = Api(client, world, "xihuamen_admin")
    before = _people()
    response = api.send(
        "post",
        reverse("api:person_create"),
        {"name": "林青", "phone": "12345", "home_area": XIHUAMEN},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "phone": ["电话号码“12345”格式不正确：应为11位手机号或带区号的固定电话。"]
    }
    response = api.send(
        "post",
        reverse("api:person_create"),
        {"name": "林青", "phone": "13912345678", "home_area": QINGYUAN},
    )
    assert response.json()["errors"] == {
        "home_area": [f"区划代码“{QINGYUAN}”不存在或不在您的管辖范围内。"]
    }
    response = api.send(
        "post",
        reverse("api:person_create"),
        {
            "name": "林青",
            "phone": "13912345678",
            "home_area": XIHUAMEN,
            "party_org": world.orgs["huaxi"].pk,
        },
    )
    assert response.json()["errors"] == {
        "party_org": [f"组织 {world.orgs['huaxi'].pk} 不存在或不在您的管辖范围内。"]
    }
    response = api.send(
        "post",
        reverse("api:person_create"),
        {"name": ["林青"], "phone": 13912345678, "home_area": XIHUAMEN, "is_party_member": "maybe"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "name": ["应为字符串。"],
        "phone": ["应为字符串。"],
        "is_party_member": ["应为 true 或 false。"],
    }
    assert _people() == before


def test_patch_updates_phone_and_skills(world, client):
    person = world.people["zhang_min"]
    response = Api(client, world, "xihuamen_admin").send(
        "patch",
        reverse("api:person_update", kwargs={"pk": person.pk}),
        {"phone": "13700001111", "skills": "书法"},
    )
    assert response.status_code == 200
    assert (response.json()["phone"], response.json()["skills"]) == ("137****1111", "书法")
    person.refresh_from_db()
    assert (person.clear_phone(), person.skills, person.name) == ("13700001111", "书法", "张敏")


def test_unit_contact_reads_its_members_but_cannot_edit(world, client):
    api = Api(client, world, "huaxi_contact")
    body = api.get(reverse("api:person_list")).json()
    members = list(
        Person.objects.filter(party_org=world.orgs["huaxi"]).values_list("name", flat=True)
    )
    assert "王建国" in members
    assert (body["count"], [p["name"] for p in body["items"]]) == (len(members), members)
    before = _people()
    response = api.send(
        "patch",
        reverse("api:person_update", kwargs={"pk": world.people["wang_jianguo"].pk}),
        {"skills": "义诊"},
    )
    assert response.status_code == 403
    assert _people() == before


def test_list_filters(world, client):
    api = Api(client, world, "wuhou_admin")
    url = reverse("api:person_list")
    names = lambda **p: [o["name"] for o in api.get(url, **p).json()["items"]]  # noqa: E731
    # Other apps' demos add residents: expect what the database holds, filtered the same way.
    hongmenjie = Person.objects.filter(home_area__code=HONGMENJIE)
    wuhou = Person.objects.filter(home_area__path__startswith=world.areas[WUHOU].path)
    assert {"李秀英", "王建国", "郑伟"} <= set(names(area=HONGMENJIE))
    assert names(area=HONGMENJIE) == list(hongmenjie.values_list("name", flat=True))
    assert names(area=HONGMENJIE, is_party_member="true") == list(
        hongmenjie.filter(is_party_member=True).values_list("name", flat=True)
    )
    assert names(q="义诊") == list(
        wuhou.filter(Q(name__contains="义诊") | Q(skills__contains="义诊")).values_list(
            "name", flat=True
        )
    )
    assert "王建国" in names(q="义诊")
    assert api.get(url, q="13880001002").status_code == 422  # numbers only by POST /search/
    found = api.send("post", reverse("api:person_search"), {"q": "13880001002"}).json()
    assert [o["name"] for o in found["items"]] == ["李秀英"]
    assert names(area=XIHUAMEN) == []
