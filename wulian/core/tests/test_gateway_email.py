"""The e-mail gateway on Django's SMTP backend against a local SMTP sink on 127.0.0.1: a message
is taken; a 5xx answer fails for good, a 4xx answer, a refused connection and a silent server
(time-out) are retryable."""

import socket

import pytest

from wulian.core.gateways import GatewayError
from wulian.core.gateways.email import send_email
from wulian.core.gateways.sms import OutgoingMessage
from wulian.core.tests.smtp_sink import SmtpSink, use_sink

MESSAGE = OutgoingMessage(
    to="owner@example.org",
    template="notification",
    params={"subject": "督办事项逾期升级：共享停车台账"},
    text="已升级到街道。\n\n/meetings/items/1/",
)


def test_a_message_reaches_the_smtp_server(settings):
    settings.DEFAULT_FROM_EMAIL = "五联 <noreply@wulian.local>"
    with SmtpSink() as sink:
        use_sink(settings, sink.port)
        message_id = send_email(MESSAGE)
    [got] = sink.received
    assert got.rcpt_tos == ["owner@example.org"]
    assert got.subject == "督办事项逾期升级：共享停车台账"
    assert got.text == "已升级到街道。\n\n/meetings/items/1/"
    assert got.message["Message-ID"] == message_id


@pytest.mark.parametrize(
    ("rcpt", "data", "retryable", "code"),
    [
        ("550 5.1.1 no such user", "", False, "smtp_550"),
        ("", "554 5.7.1 message refused", False, "smtp_554"),
        ("450 4.2.1 mailbox busy", "", True, "smtp_450"),
        ("", "451 4.3.0 try again later", True, "smtp_451"),
    ],
)
def test_smtp_answers_become_gateway_errors(settings, rcpt, data, retryable, code):
    with SmtpSink(rcpt_answer=rcpt, data_answer=data) as sink:
        use_sink(settings, sink.port)
        with pytest.raises(GatewayError) as caught:
            send_email(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (retryable, code)
    assert sink.received == []


def test_a_refused_connection_is_retryable(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    use_sink(settings, port)
    with pytest.raises(GatewayError) as caught:
        send_email(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (True, "unreachable")


def test_a_server_that_never_greets_times_out_retryably(settings):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # the connection is taken by the kernel, but nothing ever answers
        use_sink(settings, silent.getsockname()[1], timeout=0.5)
        with pytest.raises(GatewayError) as caught:
            send_email(MESSAGE)
    assert (caught.value.retryable, caught.value.code) == (True, "timeout")
