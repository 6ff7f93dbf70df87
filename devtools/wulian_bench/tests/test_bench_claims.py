"""``wulian bench claims`` runs end to end with tiny numbers (no timing is asserted)."""

import io

import pytest
from django.core.management import call_command

from wulian.needs.models import Need


@pytest.mark.django_db(transaction=True)
def test_bench_claims_prints_claims_per_second_baseline_and_ratio(world):
    before = Need.objects.count()
    out = io.StringIO()
    call_command(
        "bench",
        "claims",
        "--needs",
        "12",
        "--clients",
        "3",
        "--bare-requests",
        "30",
        "--seconds",
        "60",
        "--workers",
        "1",
        "--threads",
        "2",
        stdout=out,
    )
    text = out.getvalue()
    assert "claims:   12 ok" in text
    assert "baseline: 30 ok" in text
    assert "ratio:    claims/s ÷ baseline req/s = " in text
    assert "5xx or connection errors: 0" in text
    assert Need.objects.count() == before  # seeded into a temporary database, never this one
