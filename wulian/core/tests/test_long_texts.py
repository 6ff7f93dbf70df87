"""No text longer than ``TEXT_MAX`` characters is stored or echoed back, whatever the field (an
attacker's probe: a valid megabyte in a field without max_length was echoed in full beside
another field's error, and stored when the form was valid). Pages refuse it naming the limit and
echo at most ``ECHO_LIMIT`` characters of it; the API answers 422 naming the field."""

import json

from django.urls import reverse

from wulian.cases.models import Case
from wulian.core.forms import ECHO_LIMIT
from wulian.core.text import TEXT_MAX
from wulian.web.demo import XIHUAMEN

MEGABYTE = "吵" * 1_000_000


def _case(**changed: str) -> dict[str, str]:
    return {
        "area": XIHUAMEN,
        "category": "neighbourhood",
        "title": "噪音扰民",
        "parties": "",
        "description": "晚上很吵",
        **changed,
    }


def test_the_limit_holds_the_longest_legitimate_texts():
    # A meeting's minutes, a council's notes, an annual 述职报告: a few thousand characters.
    assert TEXT_MAX >= 20_000
    assert ECHO_LIMIT <= TEXT_MAX


def test_a_valid_megabyte_beside_another_error_is_refused_and_not_echoed(client, world, login):
    login("xihuamen_admin")
    response = client.post(reverse("cases:create"), _case(title="", description=MEGABYTE))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["description"] == [f"内容过长：最多{TEXT_MAX}字，现有1000000字。"]
    assert "title" in errors
    assert response.content.decode().count("吵") <= ECHO_LIMIT


def test_a_text_over_the_limit_is_never_stored(client, world, login):
    login("xihuamen_admin")
    before = Case.objects.count()
    response = client.post(reverse("cases:create"), _case(description="吵" * (TEXT_MAX + 1)))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "description": [f"内容过长：最多{TEXT_MAX}字，现有{TEXT_MAX + 1}字。"]
    }
    assert Case.objects.count() == before


def test_a_text_at_the_limit_is_stored_whole(client, world, login):
    login("xihuamen_admin")
    response = client.post(reverse("cases:create"), _case(description="吵" * TEXT_MAX))
    assert response.status_code == 302
    assert len(Case.objects.latest("pk").description) == TEXT_MAX


def test_a_refused_choice_does_not_quote_a_megabyte(client, world, login):
    """Django's invalid_choice message quotes the value: the length refusal replaces it."""
    login("xihuamen_admin")
    response = client.post(reverse("cases:create"), _case(category=MEGABYTE))
    assert response.context["form"].errors == {
        "category": [f"内容过长：最多{TEXT_MAX}字，现有1000000字。"]
    }
    assert response.content.decode().count("吵") <= ECHO_LIMIT


def _api(client, world, username):
    from wulian.accounts.services import create_token

    token = create_token(user=world.users[username], by=None)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def test_the_api_refuses_a_text_over_the_limit_naming_the_field(client, world):
    _api(client, world, "resident_demo")
    before = Case.objects.count()
    body = {"category": "neighbourhood", "title": "噪音扰民", "description": MEGABYTE}
    response = client.post(
        "/api/v1/cases/report/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422, response.content[:300]
    message = f"内容过长：最多{TEXT_MAX}字，现有1000000字。"
    assert response.json() == {
        "message": f"description: {message}",
        "errors": {"description": [message]},
    }
    assert Case.objects.count() == before


def test_the_api_refuses_a_long_text_in_a_nested_field_and_in_the_query(client, world):
    _api(client, world, "resident_demo")
    body = {
        "category": "neighbourhood",
        "title": "噪音扰民",
        "description": "x",
        "e": ["吵" * (TEXT_MAX + 1)],
    }
    response = client.post(
        "/api/v1/cases/report/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["e.0"]
    response = client.get("/api/v1/cases/", {"q": "吵" * (TEXT_MAX + 1)})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["q"]


def test_the_api_takes_a_text_at_the_limit(client, world):
    _api(client, world, "resident_demo")
    body = {"category": "neighbourhood", "title": "噪音扰民", "description": "吵" * TEXT_MAX}
    response = client.post(
        "/api/v1/cases/report/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content[:300]
