from decimal import Decimal

from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.funds.models import LedgerEntry, Project
from wulian.funds.selectors import project_spent


def test_spending_is_corrected_through_the_api_with_a_new_entry(world, client):
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {create_token(user=world.users['xihuamen_admin'], by=None)}"
    }
    project = Project.objects.get(name="西华门惠民超市改造")
    spent = project_spent(project.pk)
    url = reverse("api:funds_project_correct_spending", args=[project.pk])
    response = client.post(
        url, {"amount": "500", "reason": "发票金额更正"}, content_type="application/json", **headers
    )
    assert (response.status_code, response.json()["kind"]) == (201, "spending_return")
    assert project_spent(project.pk) == spent - Decimal("500")
    count = LedgerEntry.objects.count()
    response = client.post(
        url, {"amount": str(spent), "reason": "x"}, content_type="application/json", **headers
    )
    assert response.status_code == 422
    assert LedgerEntry.objects.count() == count
