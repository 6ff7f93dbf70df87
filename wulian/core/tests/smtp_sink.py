"""A local SMTP sink on 127.0.0.1 for e-mail tests (aiosmtpd): it keeps every message it takes,
or answers what the test scripted (a 4xx or 5xx to the recipient or to the data)."""

from __future__ import annotations

import email
import socket
from dataclasses import dataclass, field
from email.message import Message

from aiosmtpd.controller import Controller


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: Message

    @property
    def subject(self) -> str:
        return str(email.header.make_header(email.header.decode_header(self.message["Subject"])))

    @property
    def text(self) -> str:
        raw = self.message.get_payload(decode=True).decode(
            self.message.get_content_charset() or "utf-8"
        )
        return raw.replace("\r\n", "\n").removesuffix("\n")  # SMTP carries CRLF line ends


@dataclass
class SmtpSink:
    """``with SmtpSink() as sink: settings.EMAIL_PORT = sink.port …; sink.received``"""

    rcpt_answer: str = ""  # e.g. "550 5.1.1 no such user": refuse every recipient
    data_answer: str = ""  # e.g. "451 4.3.0 try again later": refuse the message
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.data_answer:
            return self.data_answer
        self.received.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                email.message_from_bytes(envelope.content),
            )
        )
        return "250 Message accepted for delivery"

    def __enter__(self) -> SmtpSink:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


def use_sink(settings, port: int, timeout: float = 5.0) -> None:
    """Point Django's SMTP backend at a sink (or any port) on 127.0.0.1."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = timeout
