"""The public Open311 feed masks phone numbers, ID numbers and e-mail addresses however the
resident wrote them, in the description and in the address."""

import json

import pytest
from django.urls import reverse

from wulian.reports.models import Report


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("+86 138 8000 1002", "138****1002"),
        ("0086-13880001002", "138****1002"),
        ("138 8000 1002", "138****1002"),
        ("138-8000-1002", "138****1002"),
        ("5101 0719 5808 2120 26", "51****************"),
        ("028 8765 4321", "****"),
        ("028-87654321", "****"),
        ("wang.jg@example.com", "w***@example.com"),
    ],
)
def test_description_and_address_are_masked(world, client, typed, shown):
    report = Report.objects.order_by("pk").first()
    Report.objects.filter(pk=report.pk).update(
        description=f"请联系{typed}。", address=f"国学巷37号 {typed}"
    )
    url = (
        reverse("open311:request_list", kwargs={"fmt": "json"}) + f"?service_request_id={report.pk}"
    )
    [row] = json.loads(client.get(url).content)
    assert row["description"] == f"请联系{shown}。"
    assert row["address"].endswith(f"国学巷37号 {shown}")
