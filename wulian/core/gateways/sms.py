"""SMS through one small interface: ``send_sms(OutgoingMessage(...))``.

``OutgoingMessage`` and ``Sender`` are the shape any later notification channel reuses (e-mail,
WeChat template messages): a recipient, a template name with its parameters, and the text the
file backend writes. The backend is ``settings.WULIAN_SMS_BACKEND`` with
``WULIAN_SMS_BACKEND_OPTIONS``:

- ``FileSmsBackend`` (default): appends each message to ``var/sms/outbox.jsonl`` and logs it
  (number masked), so a developer running ``make run`` reads their code there or in the log;
- ``HttpSmsBackend``: the request shape of the common Chinese cloud SMS APIs (sign name,
  template code, JSON template parameters, access key id, nonce, timestamp and an HMAC-SHA256
  signature of the sorted parameters), answered ``{"Code": "OK", "BizId": …}``.

Backends raise :class:`~wulian.core.gateways.GatewayError` and nothing else.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from wulian.core.gateways import GatewayError, backend
from wulian.core.gateways.http import DEFAULT_TIMEOUT, post_json
from wulian.core.gateways.outbox import FileOutboxBackend

logger = logging.getLogger("wulian.sms")


@dataclass(frozen=True)
class OutgoingMessage:
    to: str  # the recipient: a mainland mobile number for SMS
    template: str  # the platform's name for the message kind, e.g. "verification_code"
    params: dict[str, str] = field(default_factory=dict)
    text: str = ""  # the rendered text, for backends that write it out


class Sender(Protocol):
    def send(self, message: OutgoingMessage) -> str:
        """Send and return the service's message id; raise GatewayError on failure."""


def send_sms(message: OutgoingMessage) -> str:
    return backend("WULIAN_SMS_BACKEND", "wulian.core.gateways.sms.FileSmsBackend").send(message)


def _mask(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) >= 7 else "****"


class FileSmsBackend(FileOutboxBackend):
    """Development and demo: the outbox is a JSON-lines file under ``var/sms/``."""

    folder = "sms"
    label = "SMS"
    logger = logger
    mask = staticmethod(_mask)


# Codes of the cloud APIs that mean "try again later"; every other error code will not change.
RETRYABLE_CODES = frozenset(
    {"Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable", "InternalError"}
)


def sign(params: dict[str, str], secret: str) -> str:
    """HMAC-SHA256 over ``POST&%2F&`` + the percent-encoded, sorted ``k=v&…`` of every parameter
    but ``Signature``, base64: the common cloud API signature, recomputable by the receiver."""
    canonical = "&".join(
        f"{quote(k, safe='~')}={quote(str(v), safe='~')}"
        for k, v in sorted(params.items())
        if k != "Signature"
    )
    to_sign = "POST&%2F&" + quote(canonical, safe="~")
    digest = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class HttpSmsBackend:
    """A cloud SMS API: one POST per message. ``templates`` maps the platform's template names
    to the codes registered with the provider (``{"verification_code": "SMS_123456"}``)."""

    def __init__(
        self,
        url: str,
        access_key_id: str,
        access_key_secret: str,
        sign_name: str,
        templates: str | tuple = (),
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.url = url
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.sign_name = sign_name
        # "name=CODE,name2=CODE2" (from the environment) or pairs: options must be hashable.
        if isinstance(templates, str):
            templates = tuple(tuple(p.split("=", 1)) for p in templates.split(",") if "=" in p)
        self.templates = dict(templates)
        self.timeout = float(timeout)

    def send(self, message: OutgoingMessage) -> str:
        template_code = self.templates.get(message.template)
        if not template_code:
            raise GatewayError(
                f"no template code configured for {message.template!r}",
                retryable=False,
                code="no_template",
            )
        params = {
            "Action": "SendSms",
            "PhoneNumbers": message.to,
            "SignName": self.sign_name,
            "TemplateCode": template_code,
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, sort_keys=True),
            "AccessKeyId": self.access_key_id,
            "SignatureMethod": "HMAC-SHA256",
            "SignatureVersion": "1.0",
            "SignatureNonce": secrets.token_hex(16),
            "Timestamp": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Format": "JSON",
        }
        params["Signature"] = sign(params, self.access_key_secret)
        answer = post_json(self.url, params, timeout=self.timeout)
        code = str(answer.get("Code", ""))
        if code != "OK":
            reason = str(answer.get("Message", "")) or "no message"
            raise GatewayError(
                f"SMS refused: {code}: {reason}",
                retryable=code in RETRYABLE_CODES,
                code=code or "bad_answer",
            )
        return str(answer.get("BizId", ""))
