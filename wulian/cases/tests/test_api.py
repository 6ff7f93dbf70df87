import json

import pytest

from wulian.accounts.services import create_token
from wulian.cases.models import Case
from wulian.web.demo import HONGMENJIE, XIHUAMEN


@pytest.fixture
def api(client, world):
    def call(user, method, url, body=None):
        token = create_token(user=world.users[user], by=None)
        send = getattr(client, method)
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return send(url, **kwargs)

    return call


def test_register_then_resolve_over_the_api(api, world):
    created = api(
        "xihuamen_admin",
        "post",
        "/api/v1/cases/",
        {
            "area": XIHUAMEN,
            "category": "sanitation",
            "title": "垃圾桶满溢",
            "description": "连续三天未清运",
        },
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    resolved = api(
        "xihuamen_admin",
        "post",
        f"/api/v1/cases/{pk}/resolve/",
        {"resolution": "协调环卫加密清运", "method": "department"},
    )
    assert resolved.json()["status"] == "resolved"
    again = api(
        "xihuamen_admin",
        "post",
        f"/api/v1/cases/{pk}/resolve/",
        {"resolution": "x", "method": "other"},
    )
    assert again.status_code == 422
    assert "已化解" in again.json()["message"]


def test_an_area_out_of_scope_is_a_field_error_and_nothing_is_written(api, world):
    before = Case.objects.count()
    response = api(
        "xihuamen_admin",
        "post",
        "/api/v1/cases/",
        {"area": HONGMENJIE, "category": "other", "title": "t", "description": "d"},
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["area"]
    assert Case.objects.count() == before


def test_stats_over_the_api(api, world):
    data = api("qingyang_admin", "get", "/api/v1/cases/stats/").json()
    assert data["area_name"] == "青羊区"
    assert data["totals"]["property_management"] == 2
