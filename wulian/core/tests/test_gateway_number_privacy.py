"""The number-privacy gateway: a file backend by default (a fake, deterministic virtual number and a
log line with the real numbers masked) and an HTTP backend shaped like the AXB APIs, tested
against a fake service on 127.0.0.1 with its errors and time-outs."""

import datetime as dt
import hashlib
import hmac
import json

import pytest

from wulian.core.gateways import GatewayError, reset_backends
from wulian.core.gateways import number_privacy as np
from wulian.core.tests.fake_http import Answer, FakeServer

UNTIL = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 in Chengdu


@pytest.fixture(autouse=True)
def _fresh_backends():
    reset_backends()
    yield
    reset_backends()


def test_the_file_backend_is_the_default_gives_a_stable_fake_number_and_logs_masked(
    tmp_path, settings
):
    settings.WULIAN_NUMBER_PRIVACY_BACKEND_OPTIONS = {"path": str(tmp_path / "np.log")}
    first = np.bind(a="13880001002", b="13880001001", expires_at=UNTIL, reference="need-7")
    again = np.bind(a="13880001002", b="13880001001", expires_at=UNTIL, reference="need-7")
    other = np.bind(a="13880001002", b="13880001001", expires_at=UNTIL, reference="need-8")
    assert first == again
    assert first.virtual_number != other.virtual_number
    assert (first.virtual_number[:3], len(first.virtual_number), first.expires_at) == (
        "170",
        11,
        UNTIL,
    )
    np.unbind(binding_id=first.binding_id, virtual_number=first.virtual_number)
    log = (tmp_path / "np.log").read_text(encoding="utf-8")
    assert "138****1002" in log
    assert "13880001002" not in log
    assert log.splitlines()[-1] == f"unbind {first.binding_id} X={first.virtual_number}"


def _http(settings, url, **options):
    settings.WULIAN_NUMBER_PRIVACY_BACKEND = "wulian.core.gateways.number_privacy.HttpBackend"
    settings.WULIAN_NUMBER_PRIVACY_BACKEND_OPTIONS = {
        "base_url": url,
        "pool_key": "FC100",
        "access_key": "ak",
        "secret": "s3cret",
        "timeout": 0.5,
        **options,
    }


def test_http_bind_sends_the_axb_request_signed_and_reads_the_virtual_number(settings):
    answer = {
        "Code": "OK",
        "Message": "OK",
        "SecretBindDTO": {"SecretNo": "17100001111", "SubsId": "subs-1"},
    }
    with FakeServer(Answer(body=answer)) as server:
        _http(settings, server.url)
        binding = np.bind(a="13880001002", b="13880001001", expires_at=UNTIL, reference="need-7")
    assert binding == np.Binding(
        virtual_number="17100001111", binding_id="subs-1", expires_at=UNTIL
    )
    request = server.received[0]
    assert (request.method, request.path) == ("POST", "/BindAxb")
    assert request.json() == {
        "PoolKey": "FC100",
        "PhoneNoA": "13880001002",
        "PhoneNoB": "13880001001",
        "OutId": "need-7",
        "Expiration": "2026-12-02 09:00:00",
    }
    body = json.dumps(request.json(), ensure_ascii=False, sort_keys=True)
    assert (
        request.headers["X-Signature"]
        == hmac.new(b"s3cret", body.encode(), hashlib.sha256).hexdigest()
    )


def test_http_unbind_names_the_subscription(settings):
    with FakeServer(Answer(body={"Code": "OK"})) as server:
        _http(settings, server.url)
        np.unbind(binding_id="subs-1", virtual_number="17100001111")
    assert (server.received[0].path, server.received[0].json()) == (
        "/UnbindSubscription",
        {"PoolKey": "FC100", "SubsId": "subs-1", "SecretNo": "17100001111"},
    )


@pytest.mark.parametrize(
    ("answer", "code", "retryable"),
    [
        (
            Answer(body={"Code": "isv.NO_AVAILABLE_NUMBER", "Message": "号码池无可用号码"}),
            "isv.NO_AVAILABLE_NUMBER",
            False,
        ),
        (
            Answer(body={"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "限流"}),
            "isv.BUSINESS_LIMIT_CONTROL",
            True,
        ),
        (Answer(body={"Code": "OK", "SecretBindDTO": {}}), "bad_answer", False),
        (Answer(status=503, body={}), "http_503", True),
        (Answer(hang=True), "timeout", True),
    ],
)
def test_http_failures_are_gateway_errors_saying_whether_to_retry(
    settings, answer, code, retryable
):
    with FakeServer(answer) as server:
        _http(settings, server.url, timeout=0.2)
        with pytest.raises(GatewayError) as caught:
            np.bind(a="13880001002", b="13880001001", expires_at=UNTIL, reference="need-7")
    assert (caught.value.code, caught.value.retryable) == (code, retryable)
