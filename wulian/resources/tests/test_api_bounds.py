"""A fee beyond its column or with too many decimals, and a huge ``line`` filter, are a 422 naming
the field; nothing is stored (a stored overflow made every read of the row a 500)."""

import json

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.resources.models import Resource

HUGE = 99999999999999999999


def _call(client, user, method, url, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"}
    if body is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(
        url, data=json.dumps(body), content_type="application/json", **headers
    )


def test_a_fee_too_big_or_too_precise_is_refused_and_nothing_stored(client, world, parking):
    url = reverse("api:resource_update", kwargs={"pk": parking.pk})
    for raw in ("99999999999999999999", "0.0000001", "1000000.00", "-1"):
        response = client.patch(
            url,
            data=f'{{"terms": "fee", "terms_text": "按小时收费", "fee_unit": "hour", "fee_amount": {raw}}}',
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {create_token(user=world.users['huaxi_contact'], by=None)}",
        )
        assert response.status_code == 422, (raw, response.content)
        assert list(response.json()["errors"]) == ["fee_amount"], raw
        assert Resource.objects.get(pk=parking.pk).fee_amount is None
        assert Resource.objects.get(pk=parking.pk).terms == "free"
    ok = _call(
        client,
        world.users["huaxi_contact"],
        "patch",
        url,
        {"terms": "fee", "terms_text": "按小时收费", "fee_unit": "hour", "fee_amount": "999999.99"},
    )
    assert ok.status_code == 200, ok.content
    assert str(Resource.objects.get(pk=parking.pk).fee_amount) == "999999.99"


def test_a_huge_line_filter_is_a_422_naming_line(client, world):
    response = _call(client, world.users["city_admin"], "get", f"/api/v1/resources/?line={HUGE}")
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == ["line"]
