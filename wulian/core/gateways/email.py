"""E-mail through one small interface: ``send_email(message)``, on Django's e-mail backends.

The message is a :class:`~wulian.core.gateways.sms.OutgoingMessage`: ``to`` is the address,
``params["subject"]`` the subject and ``text`` the plain-text body. The backend is Django's
``EMAIL_BACKEND``: by default the file backend (one ``.log`` file per connection under
``var/mail/``), the console backend for ``make run`` if chosen, SMTP in production
(``EMAIL_URL=smtp+tls://user:password@host:587``).

SMTP failures become :class:`~wulian.core.gateways.GatewayError`: a server's 4xx answer,
a dropped connection, a refused connection and a time-out are retryable; a 5xx answer (unknown
recipient, refused sender, message refused) is not.
"""

from __future__ import annotations

import contextlib
import contextvars
import smtplib
from collections.abc import Iterator

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid

from wulian.core.gateways import GatewayError
from wulian.core.gateways.sms import OutgoingMessage

_connection: contextvars.ContextVar = contextvars.ContextVar("wulian_mail_connection", default=None)


@contextlib.contextmanager
def one_connection() -> Iterator[None]:
    """Send every e-mail of the block over one connection (a digest batch: one SMTP session, one
    file of the file backend) instead of one each; opened at the first message."""
    connection = get_connection(fail_silently=False)
    token = _connection.set(connection)
    try:
        yield
    finally:
        _connection.reset(token)
        with contextlib.suppress(Exception):
            connection.close()


def _smtp_code(exc: smtplib.SMTPException) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return max(codes) if codes else None
    return getattr(exc, "smtp_code", None)


def send_email(message: OutgoingMessage) -> str:
    """Send one plain-text e-mail; return its Message-ID. GatewayError if not sent."""
    message_id = make_msgid(domain=getattr(settings, "WULIAN_MAIL_DOMAIN", "wulian.local"))
    email = EmailMessage(
        subject=message.params.get("subject", ""),
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message_id},
    )
    try:
        connection = _connection.get()
        if connection is None:
            sent = get_connection(fail_silently=False).send_messages([email])
        else:
            sent = connection.send_messages([email])
    except smtplib.SMTPServerDisconnected as exc:
        # smtplib reports a read that timed out as a disconnection ("… timed out").
        if "timed out" in str(exc):
            raise GatewayError(
                f"time-out talking to the SMTP server after {settings.EMAIL_TIMEOUT} s",
                retryable=True,
                code="timeout",
            ) from None
        raise GatewayError(
            f"SMTP server disconnected: {exc}", retryable=True, code="disconnected"
        ) from None
    except smtplib.SMTPException as exc:
        code = _smtp_code(exc)
        text = f"SMTP {code}: {exc}" if code else f"SMTP error: {exc}"
        # 4xx: the server asks to try later; 5xx: it will not take this message.
        raise GatewayError(
            text[:300],
            retryable=not (code and code >= 500),
            code=f"smtp_{code}" if code else "smtp",
        ) from None
    except TimeoutError:
        raise GatewayError(
            f"time-out talking to the SMTP server after {settings.EMAIL_TIMEOUT} s",
            retryable=True,
            code="timeout",
        ) from None
    except OSError as exc:
        raise GatewayError(
            f"cannot reach the SMTP server: {exc}", retryable=True, code="unreachable"
        ) from None
    if not sent:
        raise GatewayError("the e-mail backend sent nothing", retryable=True, code="not_sent")
    return message_id
