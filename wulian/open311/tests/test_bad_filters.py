"""GET requests with ids or dates Python cannot hold are a 400 in the GeoReport error format
naming the parameter, never a 500."""

import json

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("service_request_id=99999999999999999999999", "service_request_id"),
        ("service_request_id=%C2%B2", "service_request_id"),
        ("service_request_id=0", "service_request_id"),
        ("start_date=0001-01-01T00:00:00", "start_date"),
        ("start_date=2026-13-45T00:00:00", "start_date"),
        ("start_date=2026-02-30T00:00:00", "start_date"),
        ("end_date=2026-01-01T00:00:00%2B99:00", "end_date"),
        ("end_date=2101-01-01T00:00:00", "end_date"),
    ],
)
def test_out_of_range_filters_are_a_400_naming_the_parameter(world, client, query, name):
    response = client.get(reverse("open311:request_list", kwargs={"fmt": "json"}) + "?" + query)
    assert response.status_code == 400
    errors = json.loads(response.content)
    assert len(errors) == 1
    assert errors[0]["code"] == 400
    assert name in errors[0]["description"]
