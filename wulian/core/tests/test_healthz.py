"""``/healthz`` answers JSON on the database, the cache and the queue; any failure is a 503."""

import json
import logging

import pytest

from wulian.core import health
from wulian.core.logging import JsonFormatter


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert all(part["ok"] for part in body["checks"].values())
    assert isinstance(body["checks"]["queue"]["size"], int)


@pytest.mark.django_db
def test_a_failing_part_makes_healthz_503_and_names_it(client, monkeypatch):
    def broken():
        raise ConnectionError("redis://secret@10.0.0.1 refused")

    monkeypatch.setattr(health, "CHECKS", (("database", health._database), ("cache", broken)))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert "secret" not in response.content.decode()  # no connection strings in the answer


def test_json_log_lines_carry_level_logger_message_and_extras():
    record = logging.LogRecord(
        "wulian.needs", logging.WARNING, __file__, 1, "claim %s refused", ("N-1",), None
    )
    record.need_id = 7
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "wulian.needs"
    assert line["message"] == "claim N-1 refused"
    assert line["need_id"] == 7
    assert line["time"].endswith("+00:00")
