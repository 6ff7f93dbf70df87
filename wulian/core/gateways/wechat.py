"""WeChat template messages (公众号模板消息) through one small interface: ``send_template(message)``.

The message is a :class:`~wulian.core.gateways.sms.OutgoingMessage`: ``to`` is the user's openid
in the official account, ``template`` the platform's name for the message kind (mapped to the
account's template id), ``params`` the template's fields (``title``, ``body``, ``time``) and an
optional ``url`` the message opens. Backends, chosen by ``settings.WULIAN_WECHAT_BACKEND`` with
``WULIAN_WECHAT_BACKEND_OPTIONS``:

- :class:`FileWechatBackend` (default): appends each message to ``var/wechat/outbox.jsonl`` and
  logs it (openid shortened). No outside service.
- :class:`HttpWechatBackend`: the shape of WeChat's API. An access token from
  ``POST {base_url}/cgi-bin/stable_token`` (``grant_type=client_credential``, ``appid``,
  ``secret``; answered ``{"access_token", "expires_in"}``), kept in the process until a minute
  before it expires; then ``POST {base_url}/cgi-bin/message/template/send?access_token=…`` with
  ``{"touser", "template_id", "url", "data": {"first": {"value"}, "keyword1", "keyword2",
  "remark"}}``, answered ``{"errcode": 0, "errmsg": "ok", "msgid": …}``. An answer that the
  token is invalid or expired (40001, 40014, 42001) drops the token and tries once more with a
  new one; WeChat's "busy" and rate-limit codes are retryable, every other ``errcode`` (user not
  following the account, wrong openid, unknown template) is not.

Backends raise :class:`~wulian.core.gateways.GatewayError` and nothing else.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import quote

from wulian.core.gateways import GatewayError, backend
from wulian.core.gateways.http import DEFAULT_TIMEOUT, post_json
from wulian.core.gateways.outbox import FileOutboxBackend
from wulian.core.gateways.sms import OutgoingMessage

logger = logging.getLogger("wulian.wechat")

DEFAULT_BACKEND = "wulian.core.gateways.wechat.FileWechatBackend"
# errcodes that mean "the access token is no good": fetch a new one and try once more.
TOKEN_CODES = frozenset({40001, 40014, 42001})
# errcodes that mean "try again later": system busy, frequency and quota limits.
RETRYABLE_CODES = frozenset({-1, 45009, 45011, 45047})


def send_template(message: OutgoingMessage) -> str:
    """Send a template message; return WeChat's msgid. GatewayError if not sent."""
    return backend("WULIAN_WECHAT_BACKEND", DEFAULT_BACKEND).send(message)


def _short(openid: str) -> str:
    return openid[:4] + "…" + openid[-2:] if len(openid) > 8 else "…"


class FileWechatBackend(FileOutboxBackend):
    """Development and demo: the outbox is a JSON-lines file under ``var/wechat/``."""

    folder = "wechat"
    label = "WeChat"
    logger = logger
    mask = staticmethod(_short)


class HttpWechatBackend:
    """WeChat's template message API (see the module's docstring). ``templates`` maps the
    platform's template names to the account's template ids: ``"notification=TM0001,…"``."""

    def __init__(
        self,
        base_url: str,
        appid: str,
        secret: str,
        templates: str | tuple = (),
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.appid = appid
        self.secret = secret
        if isinstance(templates, str):
            templates = tuple(tuple(p.split("=", 1)) for p in templates.split(",") if "=" in p)
        self.templates = dict(templates)
        self.timeout = float(timeout)
        self._token: tuple[str, float] | None = None  # (token, monotonic time it stops being used)
        self._lock = threading.Lock()

    def access_token(self) -> str:
        with self._lock:
            if self._token and self._token[1] > time.monotonic():
                return self._token[0]
            answer = post_json(
                f"{self.base_url}/cgi-bin/stable_token",
                {
                    "grant_type": "client_credential",
                    "appid": self.appid,
                    "secret": self.secret,
                },
                timeout=self.timeout,
            )
            self._raise_for(answer, "stable_token")
            token = str(answer.get("access_token", ""))
            if not token:
                raise GatewayError(
                    "stable_token: the answer has no access_token",
                    retryable=False,
                    code="bad_answer",
                )
            lifetime = int(answer.get("expires_in") or 7200)
            self._token = (token, time.monotonic() + max(lifetime - 60, 0))
            return token

    def forget_token(self) -> None:
        with self._lock:
            self._token = None

    @staticmethod
    def _raise_for(answer: dict, what: str) -> None:
        code = answer.get("errcode", 0)
        try:
            code = int(code)
        except (TypeError, ValueError):
            raise GatewayError(
                f"{what}: errcode {code!r} is not a number", retryable=False, code="bad_answer"
            ) from None
        if code != 0:
            raise GatewayError(
                f"{what}: errcode {code}: {answer.get('errmsg', '')}".strip(),
                retryable=code in RETRYABLE_CODES or code in TOKEN_CODES,
                code=str(code),
            )

    def send(self, message: OutgoingMessage) -> str:
        template_id = self.templates.get(message.template)
        if not template_id:
            raise GatewayError(
                f"no template id configured for {message.template!r}",
                retryable=False,
                code="no_template",
            )
        params = message.params
        payload = {
            "touser": message.to,
            "template_id": template_id,
            "url": params.get("url", ""),
            "data": {
                "first": {"value": params.get("title", "")},
                "keyword1": {"value": params.get("body", "") or params.get("title", "")},
                "keyword2": {"value": params.get("time", "")},
                "remark": {"value": params.get("remark", "")},
            },
        }
        for attempt in (1, 2):
            token = self.access_token()
            answer = post_json(
                f"{self.base_url}/cgi-bin/message/template/send?access_token={quote(token)}",
                payload,
                timeout=self.timeout,
            )
            code = answer.get("errcode", 0)
            if code in TOKEN_CODES and attempt == 1:
                self.forget_token()
                continue
            self._raise_for(answer, "template/send")
            return str(answer.get("msgid", ""))
        raise AssertionError("unreachable")  # pragma: no cover
