"""The benchmark runs end to end with tiny numbers (it prints figures; no timing is asserted)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_bench_figures_prints_both_comparisons():
    out = io.StringIO()
    call_command("bench", "figures", "--size", "0.005", "--facts", "2", "--requests", "2", "--repeats", "1",
                 "--workers", "1", "--seconds", "30", stdout=out)
    text = out.getvalue()
    assert "endpoint / raw (target ≤ 1/20)" in text
    assert "endpoint 10× / 1× (target ≤ 1.5)" in text
    assert "targets " in text
