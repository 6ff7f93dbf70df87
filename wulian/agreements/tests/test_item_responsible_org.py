"""An item's responsible org is one of the agreement's two parties, by page and by API (issue 16,
defect 7: the API accepted any org of the platform)."""

import json

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.agreements.models import ServiceItem


def test_api_refuses_a_responsible_org_outside_the_agreement(world, client, draft):
    item = draft.items.get()
    token = create_token(user=world.users["hongmenjie_admin"], by=None)
    url = reverse("api:agreement_item_update", kwargs={"pk": item.pk})
    # 四川省疾控中心 lies in 黉门街's scope but is no side of the agreement (an org out of scope is
    # refused like an unknown one: web/tests/test_api_resolves_ids_in_scope.py).
    response = client.patch(
        url,
        json.dumps({"responsible_org": world.orgs["cdc"].pk}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"responsible_org": ["责任单位须是协议双方之一。"]}
    assert ServiceItem.objects.get(pk=item.pk).responsible_org_id == world.orgs["huaxi"].pk
    response = client.patch(
        url,
        json.dumps({"responsible_org": world.orgs["hongmenjie"].pk}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert ServiceItem.objects.get(pk=item.pk).responsible_org_id == world.orgs["hongmenjie"].pk
