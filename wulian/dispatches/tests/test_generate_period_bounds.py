"""A monthly dispatch for a month outside 2000…2100 (``0001-01``) is a 422 naming ``period``;
nothing is created."""

import json

from wulian.accounts.services import create_token
from wulian.dispatches.models import Dispatch


def test_a_period_in_year_1_is_a_422_naming_period(client, world):
    before = Dispatch.objects.count()
    token = create_token(user=world.users["city_admin"], by=None)
    for period in ("0001-01", "1999-12", "2101-01"):
        response = client.post(
            "/api/v1/dispatches/generate/",
            data=json.dumps({"scope_area": "510105000000", "period": period}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert response.status_code == 422, (period, response.content)
        assert response.json()["errors"] == {"period": ["月份应在2000年至2100年之间。"]}
    assert Dispatch.objects.count() == before
