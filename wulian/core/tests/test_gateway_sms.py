"""The SMS gateway: the file backend writes an outbox under var/ and logs the text with the
number masked; the HTTP backend speaks the cloud SMS APIs' shape, signed, and turns every
failure into a GatewayError (tested against a fake service on 127.0.0.1)."""

import json

import pytest

from wulian.core.gateways import GatewayError
from wulian.core.gateways.sms import FileSmsBackend, HttpSmsBackend, OutgoingMessage, send_sms, sign
from wulian.core.tests.fake_http import Answer, FakeServer

MESSAGE = OutgoingMessage(
    to="13912345678",
    template="verification_code",
    params={"code": "246810"},
    text="【五联】验证码246810，5分钟内有效。",
)


def _http(url: str, **extra) -> HttpSmsBackend:
    return HttpSmsBackend(
        url=url,
        access_key_id="LTAI-test",
        access_key_secret="s3cret",
        sign_name="五联",
        templates="verification_code=SMS_0001",
        **extra,
    )


def test_the_file_backend_writes_the_outbox_and_logs_a_masked_number(tmp_path, caplog):
    caplog.set_level("INFO", logger="wulian.sms")
    sms = FileSmsBackend(directory=str(tmp_path))
    message_id = sms.send(MESSAGE)
    [written] = sms.read()
    assert (written["id"], written["to"], written["params"], written["text"]) == (
        message_id,
        "13912345678",
        {"code": "246810"},
        MESSAGE.text,
    )
    assert "139****5678" in caplog.text
    assert "13912345678" not in caplog.text


def test_send_sms_uses_the_configured_backend(settings, tmp_path):
    from wulian.core.gateways import reset_backends

    settings.WULIAN_SMS_BACKEND = "wulian.core.gateways.sms.FileSmsBackend"
    settings.WULIAN_SMS_BACKEND_OPTIONS = {"directory": str(tmp_path)}
    reset_backends()
    try:
        send_sms(MESSAGE)
    finally:
        reset_backends()
    assert (
        json.loads((tmp_path / "outbox.jsonl").read_text(encoding="utf-8"))["to"] == "13912345678"
    )


def test_the_http_backend_sends_a_signed_request_of_the_cloud_shape():
    with FakeServer(
        Answer(body={"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0"})
    ) as server:
        assert _http(server.url + "/sms").send(MESSAGE) == "900619746936498440^0"
    [received] = server.received
    body = received.json()
    assert (received.method, received.path) == ("POST", "/sms")
    assert {
        k: body[k]
        for k in (
            "Action",
            "PhoneNumbers",
            "SignName",
            "TemplateCode",
            "TemplateParam",
            "AccessKeyId",
        )
    } == {
        "Action": "SendSms",
        "PhoneNumbers": "13912345678",
        "SignName": "五联",
        "TemplateCode": "SMS_0001",
        "TemplateParam": '{"code": "246810"}',
        "AccessKeyId": "LTAI-test",
    }
    assert body["Signature"] == sign(body, "s3cret")  # the receiver can recompute it
    assert body["Signature"] != sign(body, "other-secret")


@pytest.mark.parametrize(
    ("code", "retryable"),
    [
        ("isv.MOBILE_NUMBER_ILLEGAL", False),
        ("isv.TEMPLATE_MISSING_PARAMETERS", False),
        ("SignatureDoesNotMatch", False),
        ("Throttling.User", True),
        ("ServiceUnavailable", True),
    ],
)
def test_an_error_answer_says_whether_a_retry_may_help(code, retryable):
    with (
        FakeServer(Answer(status=200, body={"Code": code, "Message": "refused"})) as server,
        pytest.raises(GatewayError) as caught,
    ):
        _http(server.url).send(MESSAGE)
    assert (caught.value.code, caught.value.retryable) == (code, retryable)
    assert "refused" in str(caught.value)


def test_http_5xx_and_time_outs_are_retryable():
    with FakeServer(Answer(status=502, body={})) as server, pytest.raises(GatewayError) as caught:
        _http(server.url).send(MESSAGE)
    assert (caught.value.code, caught.value.retryable) == ("http_502", True)
    with FakeServer(Answer(hang=True)) as server, pytest.raises(GatewayError) as caught:
        _http(server.url, timeout=0.2).send(MESSAGE)
    assert (caught.value.code, caught.value.retryable) == ("timeout", True)


def test_a_template_without_a_code_is_refused_before_sending():
    with FakeServer() as server, pytest.raises(GatewayError) as caught:
        _http(server.url).send(OutgoingMessage(to="13912345678", template="unknown", params={}))
    assert (caught.value.code, caught.value.retryable, server.received) == (
        "no_template",
        False,
        [],
    )
