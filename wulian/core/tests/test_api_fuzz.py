"""Issue 16, fuzzing as a test: schemathesis reads ``/api/v1/openapi.json`` and sends generated
requests to every GET operation and a few writes, in-process (Django's WSGI app, the test
database with the demo world, all in the test's transaction), as a staff user (city_admin) and
as a resident (resident_demo), each with a bearer token. Any 5xx, an undeclared status code, a
wrong content type or a body that breaks the declared schema fails the test, listing every
operation that did.

Bounded: ``EXAMPLES`` examples per operation, derandomized (the same requests on every run), no
shrinking, no example database; the run takes under a minute per user on 2 cores.
``WULIAN_FUZZ_EXAMPLES=50 pytest wulian/core/tests/test_api_fuzz.py`` digs deeper by hand.
"""

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = int(os.environ.get("WULIAN_FUZZ_EXAMPLES", "4"))  # more for a deeper run by hand
#: Writes safe to fuzz: whatever they write is rolled back with the test's transaction, they
#: notify nobody outside the process, and they validate bodies built from the schema.
SAFE_WRITES = {
    ("POST", "/api/v1/meetings/"),
    ("POST", "/api/v1/needs/"),
    ("POST", "/api/v1/duties/assign/"),
    ("POST", "/api/v1/orgs/"),
    ("POST", "/api/v1/people/"),
    ("POST", "/api/v1/cases/"),
    ("POST", "/api/v1/funds/"),
    ("POST", "/api/v1/resources/"),
}
#: Operations whose success answer is a file, not JSON (the schema says so only loosely).
SKIP = {
    ("GET", "/api/v1/needs/{pk}/photos/{photo_pk}"),
}


def _checks():
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]


def _operations(schema):
    for result in schema.get_all_operations():
        operation = result.ok()
        key = (operation.method.upper(), operation.path)
        if key in SKIP:
            continue
        if operation.method.upper() == "GET" or key in SAFE_WRITES:
            yield operation


@pytest.fixture
def fuzz_settings(settings):
    # The fuzzer is one client sending thousands of requests: lift the API's rate limits.
    settings.WULIAN_API_RATE_USER = "100000/m"
    settings.WULIAN_API_RATE_IP = "100000/m"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    return settings


@pytest.fixture
def wsgi_app():
    """Django's WSGI application with the database connection kept open between requests, as the
    test client does (every request runs inside the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("username", ["city_admin", "resident_demo"])
def test_the_api_answers_every_generated_request_within_its_schema(
    world, fuzz_settings, wsgi_app, username
):
    from wulian.accounts.services import create_token

    headers = {"Authorization": f"Bearer {create_token(user=world.users[username], by=None)}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    checks = _checks()
    failures: list[str] = []
    count = 0
    for operation in _operations(schema):
        count += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        def run(case):
            case.call_and_validate(headers=headers, checks=checks)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # every failing operation is listed below
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    assert count > 50
    assert failures == [], "\n\n".join(failures)
