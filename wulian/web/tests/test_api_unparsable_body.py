"""A body the API cannot parse at all (not JSON, nested past the parser's depth) answers 422 in
the request's language, with the shape of every other input error: ``message`` and ``errors``
by field, the body's errors under ``__all__`` (as a malformed JSON body's are)."""

import pytest
from django.urls import reverse

from wulian.accounts.models import RoleKind
from wulian.accounts.services import create_token
from wulian.accounts.tests.factories import UserFactory
from wulian.areas.tests.factories import CommunityFactory
from wulian.orgs.models import Org
from wulian.orgs.tests.factories import PartyOrgFactory


@pytest.fixture
def key(db):
    admin = UserFactory(
        role=RoleKind.COMMUNITY_ADMIN, org=PartyOrgFactory(leads=CommunityFactory())
    )
    return create_token(user=admin, by=None)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b"hello, this is not JSON"),
        ("text/plain", b"\xff\xfe\x00garbage"),
        ("application/json", b"[" * 100_000),
        ("text/plain", b"{" * 100_000),
    ],
)
def test_an_unparsable_body_answers_422_in_chinese(client, key, content_type, body):
    before = Org.objects.count()
    response = client.post(
        reverse("api:org_create"),
        body,
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    data = response.json()
    assert response.status_code == 422
    assert list(data["errors"]) == ["__all__"]
    assert data["message"] == data["errors"]["__all__"][0]
    assert data["message"].startswith("请求体不是有效的JSON")
    assert Org.objects.count() == before


def test_an_unparsable_body_answers_in_english_for_an_english_request(client, key):
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("api:org_create"),
        b"[" * 100_000,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert (response.status_code, response.json()["message"]) == (
        422,
        "The request body is not valid JSON.",
    )
