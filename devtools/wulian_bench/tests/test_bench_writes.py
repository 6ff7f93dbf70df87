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
    call_command(
        "bench",
        "writes",
        "--clients",
        "2",
        "--needs",
        "4",
        "--requests",
        "8",
        "--seconds",
        "60",
        "--workers",
        "1",
        "--threads",
        "2",
        stdout=out,
    )
    text = out.getvalue()
    number = r"\s+(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\{(.*)\}"
    rows = {
        label: re.search(r"\n\s+1 " + label + number, text)
        for label in ("bare", "bare write", "writes")
    }
    assert rows["bare"].groups() == ("8", "200: 8"), text
    assert rows["bare write"].groups() == ("8", "201: 8"), text
    # the mix: 8 answers in all, the refusals (422: a need offered twice) not counted as writes
    answers = dict(re.findall(r"(\d+): (\d+)", rows["writes"].group(2)))
    assert sum(int(n) for n in answers.values()) == 8, text
    assert int(rows["writes"].group(1)) == sum(
        int(n) for s, n in answers.items() if int(s) < 400
    ), text
    assert set(answers) <= {"200", "201", "422"}, text
    # each client cycles claim, booking, progress, need post: every kind was sent and answered
    per_kind = re.search(
        r"per kind: claim \{(.+)\}, booking \{(.+)\}, progress \{(.+)\}, need post \{(.+)\}", text
    )
    assert per_kind is not None, text
    assert "5xx or connection errors: 0" in text
    claims = re.search(r"double claims: 0 \((\d+) claims answered 200, (\d+) needs held\)", text)
    assert claims is not None, text
    assert claims.group(1) == claims.group(2) != "0", text
    bookings = re.search(
        r"double bookings: 0 \((\d+) bookings answered 201, (\d+) active in the database\)", text
    )
    assert bookings is not None, text
    assert bookings.group(1) == bookings.group(2) != "0", text
    assert Need.objects.count() == before  # seeded into a scratch database, never this one
