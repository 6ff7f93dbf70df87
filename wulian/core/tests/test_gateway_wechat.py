"""The WeChat template-message gateway: the file backend writes an outbox; the HTTP backend
fetches an access token (stable_token), keeps it, sends the template message, renews an expired
token once, and turns errcodes, HTTP errors and time-outs into GatewayErrors (fake service on
127.0.0.1)."""

import pytest

from wulian.core.gateways import GatewayError
from wulian.core.gateways.sms import OutgoingMessage
from wulian.core.gateways.wechat import FileWechatBackend, HttpWechatBackend
from wulian.core.tests.fake_http import Answer, FakeServer

MESSAGE = OutgoingMessage(
    to="oAbCdEfGhIjKlMnOpQrStUvWxYz1",
    template="notification",
    text="督办事项逾期升级",
    params={
        "title": "督办事项逾期升级",
        "body": "已升级到街道。",
        "time": "2026-12-06 10:00",
        "url": "https://wulian.example/meetings/items/1/",
    },
)
TOKEN = Answer(body={"access_token": "TOKEN-1", "expires_in": 7200})
SENT = Answer(body={"errcode": 0, "errmsg": "ok", "msgid": 200228332})


def _http(url: str, **extra) -> HttpWechatBackend:
    return HttpWechatBackend(
        base_url=url,
        appid="wx0123456789",
        secret="s3cret",
        templates="notification=TM-0001",
        **extra,
    )


def test_the_file_backend_writes_the_outbox(tmp_path, caplog):
    caplog.set_level("INFO", logger="wulian.wechat")
    wechat = FileWechatBackend(directory=str(tmp_path))
    message_id = wechat.send(MESSAGE)
    [written] = wechat.read()
    assert (written["id"], written["to"], written["template"], written["params"]) == (
        message_id,
        MESSAGE.to,
        "notification",
        MESSAGE.params,
    )
    assert MESSAGE.to not in caplog.text


def test_a_token_is_fetched_once_and_the_template_message_sent():
    with FakeServer() as server:
        server.answer(TOKEN, SENT, SENT)
        wechat = _http(server.url)
        assert wechat.send(MESSAGE) == "200228332"
        assert wechat.send(MESSAGE) == "200228332"
    token, send, again = server.received
    assert (token.method, token.path, token.json()) == (
        "POST",
        "/cgi-bin/stable_token",
        {"grant_type": "client_credential", "appid": "wx0123456789", "secret": "s3cret"},
    )
    assert send.path == again.path == "/cgi-bin/message/template/send?access_token=TOKEN-1"
    assert send.json() == {
        "touser": MESSAGE.to,
        "template_id": "TM-0001",
        "url": "https://wulian.example/meetings/items/1/",
        "data": {
            "first": {"value": "督办事项逾期升级"},
            "keyword1": {"value": "已升级到街道。"},
            "keyword2": {"value": "2026-12-06 10:00"},
            "remark": {"value": ""},
        },
    }


def test_an_expired_token_is_renewed_once():
    with FakeServer() as server:
        server.answer(
            TOKEN,
            Answer(body={"errcode": 42001, "errmsg": "access_token expired"}),
            Answer(body={"access_token": "TOKEN-2", "expires_in": 7200}),
            SENT,
        )
        assert _http(server.url).send(MESSAGE) == "200228332"
    assert [r.path for r in server.received] == [
        "/cgi-bin/stable_token",
        "/cgi-bin/message/template/send?access_token=TOKEN-1",
        "/cgi-bin/stable_token",
        "/cgi-bin/message/template/send?access_token=TOKEN-2",
    ]


@pytest.mark.parametrize(
    ("answer", "retryable", "code"),
    [
        ({"errcode": 43004, "errmsg": "require subscribe"}, False, "43004"),
        ({"errcode": 40003, "errmsg": "invalid openid"}, False, "40003"),
        ({"errcode": 40037, "errmsg": "invalid template_id"}, False, "40037"),
        ({"errcode": -1, "errmsg": "system error"}, True, "-1"),
        ({"errcode": 45009, "errmsg": "reach max api daily quota limit"}, True, "45009"),
    ],
)
def test_errcodes_of_the_send_become_gateway_errors(answer, retryable, code):
    with FakeServer() as server:
        server.answer(TOKEN, Answer(body=answer))
        with pytest.raises(GatewayError) as caught:
            _http(server.url).send(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (retryable, code)
    assert len(server.received) == 2


def test_a_refused_token_fails_without_sending():
    with FakeServer() as server:
        server.answer(Answer(body={"errcode": 40125, "errmsg": "invalid appsecret"}))
        with pytest.raises(GatewayError) as caught:
            _http(server.url).send(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (False, "40125")
    assert [r.path for r in server.received] == ["/cgi-bin/stable_token"]


@pytest.mark.parametrize(
    ("answer", "retryable", "code"),
    [
        (Answer(status=503, body={}), True, "http_503"),
        (Answer(status=404, body={}), False, "http_404"),
        (Answer(body=b"<html>gateway</html>"), False, "bad_answer"),
    ],
)
def test_http_errors_become_gateway_errors(answer, retryable, code):
    with FakeServer() as server:
        server.answer(TOKEN, answer)
        with pytest.raises(GatewayError) as caught:
            _http(server.url).send(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (retryable, code)


def test_a_silent_service_times_out_retryably():
    with FakeServer() as server:
        server.answer(TOKEN, Answer(hang=True))
        with pytest.raises(GatewayError) as caught:
            _http(server.url, timeout=0.3).send(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (True, "timeout")


def test_an_unknown_template_is_refused_before_any_request():
    with FakeServer() as server, pytest.raises(GatewayError) as caught:
        _http(server.url).send(OutgoingMessage(to="o1", template="digest", params={}))
    assert (caught.value.retryable, caught.value.code, server.received) == (
        False,
        "no_template",
        [],
    )
