"""``wulian bench writes`` runs end to end with tiny numbers (no timing is asserted)."""

import io
import re

import pytest
from django.core.management import call_command

from wulian.needs.models import Need


@pytest.mark.django_db(transaction=True)
def test_bench_writes_prints_ratios_errors_and_doubles(world):
    before = Need.objects.count()
    out = io.StringIO()
    call_command("bench", "writes", "--clients", "2", "--needs", "4", "--requests", "8", "--seconds", "60",
                 "--workers", "1", "--threads", "2", stdout=out)
    text = out.getvalue()
    number = r"\s+(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\{(.*)\}"
    rows = {label: re.search(r"\n\s+1 " + label + number, text) for label in ("bare", "bare write", "writes")}
    assert {label: row.group(1) if row else None for label, row in rows.items()} == {
        "bare": "8", "bare write": "8", "writes": "8"}, text
    assert rows["bare"].group(2) == "200: 8"
    assert rows["bare write"].group(2) == "201: 8"
    # two clients, one per community, each cycling claim, booking, progress, need post
    per_kind = re.search(r"per kind: claim \{(.*)\}, booking \{(.*)\}, progress \{(.*)\}, need post \{(.*)\}", text)
    assert per_kind.groups() == ("200: 2", "201: 2", "200: 2", "201: 2"), text
    assert "5xx or connection errors: 0" in text
    assert "double claims: 0 (2 claims answered 200, 2 needs held)" in text
    assert "double bookings: 0 (2 bookings answered 201, 2 active in the database)" in text
    assert Need.objects.count() == before  # seeded into a scratch database, never this one
