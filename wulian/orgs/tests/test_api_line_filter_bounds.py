"""A huge ``line`` filter on the orgs API is a 422 naming ``line``, not a 500."""

from wulian.accounts.services import create_token


def test_a_huge_line_filter_is_a_422_naming_line(client, world):
    token = create_token(user=world.users["city_admin"], by=None)
    response = client.get(
        "/api/v1/orgs/?line=99999999999999999999", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == ["line"]
