"""Organizations over the API: same services and scope as the pages; JSON errors per field."""

import json

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.audit.models import AuditEntry
from wulian.orgs.models import Org
from wulian.web.demo import QINGYUAN, XIHUAMEN, credit_code


class Api:
    def __init__(self, client, world, username):
        self.client = client
        self.auth = {
            "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users[username], by=None)}"
        }

    def get(self, url, **params):
        return self.client.get(url, params, **self.auth)

    def send(self, method, url, body):
        raw = body if isinstance(body, str) else json.dumps(body)
        return getattr(self.client, method)(url, raw, content_type="application/json", **self.auth)


def _orgs() -> list[tuple]:
    return list(
        Org.objects.order_by("id").values_list(
            "id", "name", "kind", "area_id", "address", "credit_code"
        )
    )


def test_create_org_returns_it_and_audits_it(world, client):
    api = Api(client, world, "city_admin")  # the city's lines are in the city admin's scope
    code = credit_code(5150, prefix="91510100")
    response = api.send(
        "post",
        reverse("api:org_create"),
        {
            "name": "西华门书店",
            "kind": "private_firm",
            "area": XIHUAMEN,
            "credit_code": code,
            "line": world.orgs["dept_culture"].pk,
        },
    )
    assert response.status_code == 201
    org = Org.objects.get(name="西华门书店")
    assert response.json() == {
        "id": org.pk,
        "name": "西华门书店",
        "kind": "private_firm",
        "area": XIHUAMEN,
        "area_name": "西华门社区",
        "leads": None,
        "line": world.orgs["dept_culture"].pk,
        "party_body": "branch",
        "credit_code": code,
        "address": "",
        "contact_name": "",
        "contact_phone": "",
    }
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.channel, entry.object_id) == ("org.create", "api", str(org.pk))


def test_malformed_json_is_a_422_and_nothing_is_written(world, client):
    before = _orgs()
    response = Api(client, world, "xihuamen_admin").send(
        "post", reverse("api:org_create"), '{"name": "x",'
    )
    assert response.status_code == 422
    assert response.json() == {
        "message": "请求体不是有效的JSON：第1行第14列附近有误。",
        "errors": {"__all__": ["请求体不是有效的JSON：第1行第14列附近有误。"]},
    }
    assert _orgs() == before


def test_wrong_field_types_are_a_422_naming_each_field(world, client):
    before = _orgs()
    response = Api(client, world, "xihuamen_admin").send(
        "post",
        reverse("api:org_create"),
        {
            "name": "某单位",
            "kind": 5,
            "area": 510105003003,
        },
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert sorted(errors) == ["area", "kind"]
    assert errors["area"] == ["应为字符串。"]
    assert errors["kind"][0].startswith("应为以下之一：'party_org', ")
    assert response.json()["message"] == f"kind: {errors['kind'][0]}"
    assert _orgs() == before


def test_missing_fields_are_named(world, client):
    response = Api(client, world, "xihuamen_admin").send(
        "post", reverse("api:org_create"), {"name": "某单位"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"kind": ["必填。"], "area": ["必填。"]}


def test_service_errors_come_back_per_field(world, client):
    api = Api(client, world, "xihuamen_admin")
    before = _orgs()
    good = credit_code(5150, prefix="91510100")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    response = api.send(
        "post",
        reverse("api:org_create"),
        {
            "name": "某单位",
            "kind": "private_firm",
            "area": XIHUAMEN,
            "credit_code": wrong,
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "credit_code": [
            f"统一社会信用代码校验位错误：第18位应为“{good[17]}”，实际为“{wrong[17]}”。"
        ],
    }
    response = api.send(
        "post",
        reverse("api:org_create"),
        {"name": "某单位", "kind": "private_firm", "area": QINGYUAN},
    )
    assert response.json()["errors"] == {
        "area": [f"区划代码“{QINGYUAN}”不存在或不在您的管辖范围内。"]
    }
    response = api.send(
        "post", reverse("api:org_create"), {"name": "某单位", "kind": "private_firm", "area": "123"}
    )
    assert response.json()["errors"] == {"area": ["区划代码“123”不存在或不在您的管辖范围内。"]}
    assert _orgs() == before


def test_patch_changes_only_the_fields_sent(world, client):
    library = world.orgs["library"]
    response = Api(client, world, "xihuamen_admin").send(
        "patch", reverse("api:org_update", kwargs={"pk": library.pk}), {"address": "总府路66号"}
    )
    assert response.status_code == 200
    library.refresh_from_db()
    assert (library.name, library.address, library.credit_code) == (
        "四川省图书馆",
        "总府路66号",
        world.orgs["library"].credit_code,
    )
    assert response.json()["address"] == "总府路66号"


def test_patch_cannot_change_the_party_body(world, client):
    before = _orgs()
    response = Api(client, world, "xihuamen_admin").send(
        "patch",
        reverse("api:org_update", kwargs={"pk": world.orgs["library"].pk}),
        {"party_body": "branch"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "party_body": ["党组织形式的变更请使用“升格/变更党组织”，以便留下记录。"]
    }
    assert _orgs() == before


def test_unit_contact_updates_own_unit_but_not_another(world, client):
    api = Api(client, world, "huaxi_contact")
    response = api.send(
        "patch",
        reverse("api:org_update", kwargs={"pk": world.orgs["huaxi"].pk}),
        {"contact_name": "李医生"},
    )
    assert (response.status_code, response.json()["contact_name"]) == (200, "李医生")
    before = _orgs()
    response = api.send(
        "patch",
        reverse("api:org_update", kwargs={"pk": world.orgs["cdc"].pk}),
        {"contact_name": "李医生"},
    )
    assert response.status_code == 404
    assert (
        api.send(
            "post",
            reverse("api:org_create"),
            {"name": "某单位", "kind": "private_firm", "area": XIHUAMEN},
        ).status_code
        == 403
    )
    assert _orgs() == before


def test_list_filters(world, client):
    api = Api(client, world, "qingyang_admin")
    url = reverse("api:org_list")
    names = lambda **p: [o["name"] for o in api.get(url, **p).json()["items"]]  # noqa: E731
    # Other apps' demos may add orgs: expect what the database holds, filtered the same way.
    qingyuan = Org.objects.filter(area__code=QINGYUAN)
    assert {
        "四川西部发展研究院",
        "成都清源物业服务有限公司",
        "清源小区业主委员会",
        "清源社区党委",
    } <= set(names(area=QINGYUAN))
    assert names(area=QINGYUAN) == list(qingyuan.values_list("name", flat=True))
    assert names(area=QINGYUAN, kind="owners_committee") == list(
        qingyuan.filter(kind="owners_committee").values_list("name", flat=True)
    )
    assert "清源小区业主委员会" in names(area=QINGYUAN, kind="owners_committee")
    assert names(area=QINGYUAN, party_body="committee") == list(
        qingyuan.filter(party_body="committee").values_list("name", flat=True)
    )
    assert names(q="博物馆") == ["成都博物馆"]
    assert names(q=world.orgs["museum"].credit_code) == ["成都博物馆"]
    assert names(area="510107005008") == []  # 黉门街社区 is in 武侯区: out of scope
    assert api.get(url, kind="planet").status_code == 422
