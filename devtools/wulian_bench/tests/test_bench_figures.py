"""The benchmark runs end to end with tiny numbers (it prints figures; no timing is asserted)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_bench_figures_prints_both_comparisons():
    out = io.StringIO()
    call_command(
        "bench",
        "figures",
        "--size",
        "0.005",
        "--facts",
        "2",
        "--requests",
        "2",
        "--repeats",
        "1",
        "--workers",
        "1",
        "--seconds",
        "30",
        stdout=out,
    )
    text = out.getvalue()
    assert "endpoint / raw (target ≤ 1/20)" in text
    assert "endpoint 10× / 1× (target ≤ 1.5)" in text
    assert "targets " in text
    # both sides serve the same figures: the raw aggregate's city totals equal the endpoint's
    assert "1×: the endpoint and the raw aggregate agree on all" in text
    assert "10×: the endpoint and the raw aggregate agree on all" in text


def test_the_raw_aggregate_and_the_counters_give_the_same_city_figures(world):
    from wulian.areas.models import Area
    from wulian.figures.selectors import area_figures
    from wulian_bench.benches.figures import _disagreements
    from wulian_bench.raw_figures import CITY, city_totals, raw_aggregate

    totals = city_totals(raw_aggregate())
    assert len(totals) > 60  # every figure the endpoint serves but the response-time sums
    assert _disagreements(totals, area_figures(Area.objects.get(code=CITY))) == []
    # and a difference is reported by name
    assert _disagreements({"needs.posted": 1}, {"needs.posted": 2}) == [
        "needs.posted: raw 1, endpoint 2"
    ]
