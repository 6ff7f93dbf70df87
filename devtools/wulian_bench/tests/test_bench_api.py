"""``wulian bench api`` runs end to end with tiny numbers (no timing is asserted)."""

import io
import re

import pytest
from django.core.management import call_command

from wulian.accounts.models import ApiToken


@pytest.mark.django_db(transaction=True)
def test_bench_api_prints_a_row_per_target_with_ratios_to_bare(world):
    before = ApiToken.objects.count()
    out = io.StringIO()
    call_command(
        "bench",
        "api",
        "--clients",
        "2",
        "--requests",
        "4",
        "--seconds",
        "60",
        "--workers",
        "1",
        "--threads",
        "2",
        stdout=out,
    )
    text = out.getvalue()
    number = r"\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+×"
    for label in [
        "bare (first)",
        "/api/v1/areas/",
        "/api/v1/people/",
        "/api/v1/resources/",
        "/api/v1/figures/areas/<city>",
        "/api/v1/needs/<id>/",
        "/api/v1/needs/menu",
        "/people/ (page)",
        "/needs/list/ (page)",
        "/pick/orgs?q=<2 characters>",
        "bare (last)",
    ]:
        row = re.search(re.escape(label) + number + r"\s+\{(.*)\}", text)
        assert row is not None, label
        assert row.group(1) == "200: 4", label  # four answers, all 200
    assert "5xx or connection errors: 0; other refusals (4xx): 0" in text
    assert ApiToken.objects.count() == before  # tokens made in a scratch database, never this one
