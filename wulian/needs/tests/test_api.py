"""The needs over the API: the same services, JSON errors naming the field, 404 out of scope."""

import json

import pytest
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.needs.models import Need, State
from wulian.needs.tests.helpers import claimed_hours_ago, post_in_xihuamen

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, world):
    tokens = {}

    def call(username, method, name, body=None, **kwargs):
        if username not in tokens:
            tokens[username] = create_token(user=world.users[username], by=None)
        url = reverse(f"api:{name}", kwargs=kwargs or None)
        send = getattr(client, method)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[username]}"}
        if method == "get":
            response = send(url, body or {}, **headers)
        else:
            response = send(
                url, data=json.dumps(body or {}), content_type="application/json", **headers
            )
        return response.status_code, response.json()

    return call


def test_post_claim_serve_confirm_and_rate_over_the_api(world, api):
    status, need = api(
        "resident_demo",
        "post",
        "need_post",
        {"title": "接口发布", "category": "elderly", "description": "需要助餐。", "skills": "助餐"},
    )
    assert (status, need["state"], need["community"], need["posted_on_behalf"]) == (
        201,
        "posted",
        "510107005008",
        False,
    )
    pk = need["id"]
    status, menu = api("huaxi_contact", "get", "need_menu")
    assert status == 200
    assert pk in [item["need"]["id"] for item in menu]
    status, claimed = api(
        "huaxi_contact", "post", "need_claim", {"provider": f"org:{world.orgs['huaxi'].pk}"}, pk=pk
    )
    assert (status, claimed["state"], claimed["provider_org"]) == (
        200,
        "claimed",
        world.orgs["huaxi"].pk,
    )
    assert api("member_demo", "post", "need_claim", {}, pk=pk) == (
        422,
        {"message": "该需求已被他人接单。", "errors": {"need": ["该需求已被他人接单。"]}},
    )
    assert api("huaxi_contact", "post", "need_start", pk=pk)[1]["state"] == "in_service"
    claimed_hours_ago(Need.objects.get(pk=pk))
    status, done = api(
        "huaxi_contact", "post", "need_fulfil", {"note": "送餐上门", "hours": "1.5"}, pk=pk
    )
    assert (status, done["state"], done["hours_spent"]) == (200, "done", "1.5")
    status, confirmed = api(
        "resident_demo", "post", "need_confirm", {"score": 5, "comment": "好"}, pk=pk
    )
    assert (status, confirmed["state"]) == (200, "confirmed")
    status, rating = api("huaxi_contact", "post", "need_rate", {"score": 4}, pk=pk)
    assert (status, rating["side"], rating["score"]) == (201, "provider", 4)
    assert api("huaxi_contact", "post", "need_rate", {"score": 4}, pk=pk) == (
        422,
        {
            "message": "您已评价过该需求，不能重复评价。",
            "errors": {"need": ["您已评价过该需求，不能重复评价。"]},
        },
    )
    status, balance = api(
        "huaxi_contact", "get", "need_ledger_balance", {"org": world.orgs["huaxi"].pk}
    )
    assert status == 200
    assert balance["entries"] >= 1


def test_claiming_ones_own_need_over_the_api_is_refused(world, api):
    status, need = api(
        "member_demo",
        "post",
        "need_post",
        {"title": "自己的", "category": "other", "description": "x"},
    )
    assert status == 201
    assert api("member_demo", "post", "need_claim", {}, pk=need["id"]) == (
        422,
        {"message": "不能认领自己发布的需求。", "errors": {"need": ["不能认领自己发布的需求。"]}},
    )
    assert Need.objects.get(pk=need["id"]).state == State.POSTED


def test_need_outside_ones_scope_is_404(world, api):
    lamp = post_in_xihuamen(world, "西华门的需求")
    assert api("huaxi_contact", "post", "need_claim", {}, pk=lamp.pk)[0] == 404
    assert api("resident_demo", "get", "need_detail", pk=lamp.pk)[0] == 404
    assert api("xihuamen_staff", "get", "need_detail", pk=lamp.pk)[0] == 200


def test_bad_post_names_the_field(world, api):
    before = Need.objects.count()
    status, body = api(
        "resident_demo",
        "post",
        "need_post",
        {"title": "x", "category": "health", "description": "y", "area": "510105003003"},
    )
    assert (status, list(body["errors"])) == (422, ["area"])
    status, body = api(
        "resident_demo", "post", "need_post", {"title": "x", "category": "nope", "description": "y"}
    )
    assert (status, list(body["errors"])) == (422, ["category"])
    assert Need.objects.count() == before


def test_staff_post_on_behalf_over_the_api(world, api):
    status, need = api(
        "xihuamen_staff",
        "post",
        "need_post",
        {
            "title": "代办",
            "category": "repair",
            "description": "x",
            "for_person": world.people["zhao_qiang"].pk,
        },
    )
    assert (status, need["posted_on_behalf"], need["posted_by"]) == (201, True, "赵强")
    assert (
        api(
            "xihuamen_staff",
            "post",
            "need_post",
            {
                "title": "代办",
                "category": "repair",
                "description": "x",
                "for_person": world.people["li_xiuying"].pk,
            },
        )[0]
        == 404
    )
