"""Coordinates too large for a Decimal's context are a clear error naming the field; nothing is
created (they used to raise InvalidOperation from quantize: a 500)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.accounts.services import create_token
from wulian.reports.models import Report
from wulian.reports.services import parse_coordinate


@pytest.mark.parametrize("value", ["1e400", "-1e400", "1e308", "1e30"])
def test_huge_coordinate_is_a_validation_error(value):
    with pytest.raises(ValidationError) as caught:
        parse_coordinate(value, "long")
    assert list(caught.value.message_dict) == ["long"]


@pytest.mark.parametrize(
    ("field", "value"), [("lat", "1e400"), ("long", "-1e400"), ("long", "1e308")]
)
def test_report_page_refuses_huge_coordinates(world, client, field, value):
    client.force_login(world.users["resident_demo"])
    data = {
        "category": "road",
        "description": "路灯坏了",
        "lat": "30.6412",
        "long": "104.0635",
        field: value,
    }
    before = Report.objects.count()
    response = client.post(reverse("reports:new"), data)
    assert response.status_code == 400
    assert "不是有效的经纬度" in response.content.decode()
    assert Report.objects.count() == before


def test_open311_refuses_huge_latitude(world, client):
    data = {
        "jurisdiction_id": "chengdu",
        "service_code": "road",
        "lat": "1e400",
        "long": "104.0635",
        "description": "路灯坏了",
        "api_key": create_token(user=world.users["resident_demo"], by=None),
    }
    before = Report.objects.count()
    response = client.post(reverse("open311:request_list", kwargs={"fmt": "json"}), data)
    assert response.status_code == 400
    assert "lat" in response.content.decode() or "1e400" in response.content.decode()
    assert Report.objects.count() == before
