"""Every level's public page renders for anyone, with the facts of its subtree."""

import json

import pytest
from django.urls import reverse

from wulian.web.demo import CITY, HONGMENJIE, QINGYANG, XIHUAMEN, XIYUHE


@pytest.mark.parametrize("code", [CITY, QINGYANG, XIYUHE, XIHUAMEN, HONGMENJIE])
def test_area_pages_answer_anonymous_visitors(world, client, code):
    response = client.get(reverse("public:area", args=[code]))
    assert response.status_code == 200
    assert "CC BY 4.0" in response.content.decode()


def test_a_community_page_shows_its_centre_resources_projects_and_needs(world, client):
    text = client.get(reverse("public:area", args=[HONGMENJIE])).content.decode()
    assert 'id="centre"' in text
    assert "畅行停" in text  # 华西医院's parking, open to residents
    for section in ("evaluations", "resources", "projects", "criticisms", "needs"):
        assert f'id="section-{section}"' in text


def test_a_district_page_shows_published_criticisms_and_whether_rectified(world, client):
    data = json.loads(client.get(reverse("public:area_json", args=[QINGYANG])).content)
    rows = data["sections"]["criticisms"]
    assert rows
    assert {r["org"] for r in rows} == {"中共成都市青羊区苏坡街道工作委员会"}
    assert rows[0]["rectified"] is True


def test_needs_served_are_counted_per_month(world, client):
    data = json.loads(client.get(reverse("public:area_json", args=[HONGMENJIE])).content)
    months = data["sections"]["needs"]
    assert len(months) == 12
    assert all(set(m) == {"month", "served"} for m in months)


def test_a_grid_or_unknown_code_is_not_found(world, client):
    assert client.get(reverse("public:area", args=["999999999999"])).status_code == 404
    assert client.get(reverse("public:area_csv", args=[HONGMENJIE, "nothing"])).status_code == 404
