"""PATCH /api/v1/dispatches/{pk}/ checks the caller's right and scope before it reads the body:
a caller with no right over the dispatch learns nothing about what a valid body would be (403 or
404, never 422); only a caller who may edit it gets the body's errors."""

import datetime as dt
import json

import pytest

from wulian.accounts.services import create_token
from wulian.areas.models import Area
from wulian.dispatches import services
from wulian.dispatches.models import Dispatch

pytestmark = pytest.mark.django_db

BAD_BODIES = [json.dumps({}), json.dumps({"title": 5}), "not json"]


@pytest.fixture
def draft(world):
    dispatch, _ = services.generate_monthly_dispatch(
        scope_area=Area.objects.get(code="510107000000"), period=dt.date(2026, 6, 1)
    )
    return dispatch


def _patch(client, world, username, dispatch, body):
    token = create_token(user=world.users[username], by=None)
    return client.patch(
        f"/api/v1/dispatches/{dispatch.pk}/",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


@pytest.mark.parametrize("body", BAD_BODIES)
def test_an_editor_of_another_district_gets_404_whatever_the_body(world, client, draft, body):
    response = _patch(client, world, "qingyang_admin", draft, body)
    assert response.status_code == 404
    assert Dispatch.objects.get(pk=draft.pk).title == draft.title


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_unit_contact_in_the_area_without_the_right_gets_403_whatever_the_body(
    world, client, draft, body
):
    response = _patch(client, world, "huaxi_contact", draft, body)
    assert response.status_code == 403
    assert Dispatch.objects.get(pk=draft.pk).title == draft.title


def test_the_districts_editor_gets_the_bodys_errors_then_edits(world, client, draft):
    response = _patch(client, world, "wuhou_admin", draft, json.dumps({"title": 5}))
    assert (response.status_code, list(response.json()["errors"])) == (422, ["title"])
    response = _patch(client, world, "wuhou_admin", draft, "not json")
    assert response.status_code == 422
    response = _patch(
        client, world, "wuhou_admin", draft, json.dumps({"title": "武侯区六月调度通报"})
    )
    assert (response.status_code, response.json()["title"]) == (200, "武侯区六月调度通报")


@pytest.mark.parametrize(
    "body",
    [
        "[" * 1100 + "]" * 1100,
        '{"title": ' + "[" * 1100 + "]" * 1100 + "}",
        "[]",
        '"abc"',
        "123",
        "null",
        "true",
    ],
)
def test_a_body_nested_past_the_parser_or_not_an_object_is_refused_with_422(
    world, client, draft, body
):
    """Found by an attacker probe: 1,100 nested brackets raised RecursionError (500), and a list,
    a string, a number or null was read as an empty patch (200) — on action endpoints that acted."""
    response = _patch(client, world, "wuhou_admin", draft, body)
    assert response.status_code == 422
    assert Dispatch.objects.get(pk=draft.pk).title == draft.title
