"""An amount beyond the column (14 digits, 2 decimals) or with more than two decimals is a 422
naming ``amount`` before anything is written."""

import json

from wulian.accounts.services import create_token
from wulian.funds.models import FundSource


def test_an_amount_too_big_or_too_precise_is_a_422_naming_amount(client, world, make_fund):
    fund = make_fund()
    before = FundSource.objects.count()
    token = create_token(user=world.users["city_admin"], by=None)
    for raw in ("99999999999999999999", "0.0000001", "1e30"):
        department = world.orgs["dept_civil"].pk
        body = f'{{"department": {department}, "amount": {raw}, "received_on": "2031-02-01"}}'
        response = client.post(
            f"/api/v1/funds/{fund.pk}/sources/",
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert response.status_code == 422, (raw, response.content)
        assert list(response.json()["errors"]) == ["amount"], raw
    assert FundSource.objects.count() == before
    body = json.dumps(
        {"department": world.orgs["dept_civil"].pk, "amount": "10.50", "received_on": "2031-02-01"}
    )
    response = client.post(
        f"/api/v1/funds/{fund.pk}/sources/",
        data=body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
