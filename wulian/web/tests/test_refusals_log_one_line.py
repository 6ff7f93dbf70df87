"""A refused request (PermissionDenied, 403) is logged as one warning line, without a traceback:
refusals are expected and frequent, and a traceback per refusal buries the real errors, which
keep theirs."""

import logging
import sys

from django.urls import reverse

from wulian.accounts.tests.factories import ResidentFactory


def test_a_refused_page_logs_one_line_without_traceback(db, client, caplog):
    client.force_login(ResidentFactory())
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(reverse("accounts:users"))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert (record.levelname, record.getMessage(), record.exc_info) == (
        "WARNING",
        "Forbidden (Permission denied): /accounts/users/",
        None,
    )
    assert "Traceback" not in caplog.text


def test_a_real_error_keeps_its_traceback(caplog):
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            logging.getLogger("django.request").error(
                "Internal Server Error: /x/", exc_info=sys.exc_info(), extra={"status_code": 500}
            )
    [record] = caplog.records
    assert record.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text
