"""The gateways' HTTP client turns every failure of an outside service into a GatewayError that
says whether a retry may help; it is tested against a fake service on 127.0.0.1."""

import pytest

from wulian.core.gateways import GatewayError
from wulian.core.gateways.http import post_json
from wulian.core.tests.fake_http import Answer, FakeServer


def test_a_json_answer_is_returned_and_the_request_is_recorded():
    with FakeServer(Answer(body={"Code": "OK"})) as server:
        assert post_json(server.url + "/send", {"phone": "13800000000", "text": "验证码"}) == {
            "Code": "OK"
        }
    assert [(r.method, r.path) for r in server.received] == [("POST", "/send")]
    assert server.received[0].json() == {"phone": "13800000000", "text": "验证码"}


@pytest.mark.parametrize(
    ("status", "retryable"), [(500, True), (503, True), (429, True), (400, False), (403, False)]
)
def test_http_errors_say_whether_a_retry_may_help(status, retryable):
    with (
        FakeServer(Answer(status=status, body={"Code": "Error"})) as server,
        pytest.raises(GatewayError) as caught,
    ):
        post_json(server.url, {})
    assert caught.value.retryable is retryable
    assert caught.value.code == f"http_{status}"


def test_a_service_that_does_not_answer_times_out_as_retryable():
    with FakeServer(Answer(hang=True)) as server, pytest.raises(GatewayError) as caught:
        post_json(server.url, {}, timeout=0.2)
    assert (caught.value.code, caught.value.retryable) == ("timeout", True)


def test_an_answer_that_is_not_json_is_not_retryable():
    with (
        FakeServer(Answer(body=b"<html>oops</html>")) as server,
        pytest.raises(GatewayError) as caught,
    ):
        post_json(server.url, {})
    assert (caught.value.code, caught.value.retryable) == ("bad_answer", False)


def test_a_closed_port_is_unreachable_and_retryable():
    with FakeServer() as server:
        url = server.url
    with pytest.raises(GatewayError) as caught:
        post_json(url, {}, timeout=1)
    assert (caught.value.code, caught.value.retryable) == ("unreachable", True)
