"""Shared by every app's tests that change counted facts, above all the concurrency tests."""

import io

import pytest
from django.core.management import CommandError, call_command


def assert_figures_consistent() -> None:
    """Run ``wulian figures check`` (the command itself, as an operator would) and fail with the
    differences it lists if any counter disagrees with a fresh aggregate of the fact tables.

    Call it from the test's own thread, after the racing threads have finished and the outcome
    was asserted: it reads what was committed."""
    out = io.StringIO()
    try:
        call_command("figures", "check", no_color=True, stdout=out)
    except CommandError as exc:
        pytest.fail(f"{exc}\n{out.getvalue()}", pytrace=False)
    assert out.getvalue() == "figures check: 0 differences.\n"
