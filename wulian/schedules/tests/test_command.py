import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_command_runs_the_job_once_and_names_a_bad_date(world):
    out = io.StringIO()
    call_command("schedules", "run", stdout=out)
    assert out.getvalue() == "made: 0; flagged missed: 0.\n"  # the demo ran it today already
    with pytest.raises(CommandError, match="--today '2026-13-01': expected YYYY-MM-DD."):
        call_command("schedules", "run", "--today", "2026-13-01")
