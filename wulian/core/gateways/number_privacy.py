"""Number privacy (隐私号 / AXB): bind a temporary virtual number X between two real numbers A and
B, so that each calls X and reaches the other without either learning the other's number.

Backends, chosen by ``settings.WULIAN_NUMBER_PRIVACY_BACKEND`` (options in
``WULIAN_NUMBER_PRIVACY_BACKEND_OPTIONS``):

- :class:`FileBackend` (default): no outside service. It answers a deterministic fake virtual
  number (from A, B and the reference) and appends each binding and unbinding, numbers masked,
  to a log file (``path``; default ``<WULIAN_VAR_DIR>/number_privacy.log``) and the logger.
- :class:`HttpBackend`: JSON over HTTP shaped like the common Chinese AXB APIs (Aliyun's
  ``BindAxb`` / ``UnbindSubscription``: ``PoolKey``, ``PhoneNoA``, ``PhoneNoB``, ``Expiration``,
  ``OutId``; an answer ``{"Code": "OK", "SecretBindDTO": {"SecretNo", "SubsId"}}``), signed with
  HMAC-SHA256 over the body. Any other ``Code`` is a :class:`GatewayError` (retryable for the
  service's throttling and "busy" codes); transport failures come from ``gateways.http``.

Nothing here imports a wulian app.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from wulian.core.gateways import GatewayError, backend
from wulian.core.gateways.http import DEFAULT_TIMEOUT, post_json

logger = logging.getLogger("wulian.gateways.number_privacy")

DEFAULT_BACKEND = "wulian.core.gateways.number_privacy.FileBackend"
# Codes of the AXB service that mean "try again later".
RETRYABLE_CODES = frozenset(
    {"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "SYSTEM_BUSY", "Throttling"}
)


@dataclass(frozen=True)
class Binding:
    virtual_number: str  # X: what both sides dial
    binding_id: str  # the service's id of the binding (SubsId), to unbind it
    expires_at: dt.datetime


def mask(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) >= 7 else "****"


class FileBackend:
    """The default: a fake virtual number, the same for the same A, B and reference, and a log line."""

    def __init__(self, path: str | None = None, prefix: str = "170") -> None:
        self.path = (
            Path(path) if path else Path(getattr(settings, "VAR_DIR", ".")) / "number_privacy.log"
        )
        self.prefix = prefix

    def _log(self, line: str) -> None:
        logger.info(line)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line + "\n")
        except OSError as exc:
            raise GatewayError(
                f"cannot write {self.path}: {exc}", retryable=True, code="file"
            ) from None

    def bind(self, *, a: str, b: str, expires_at: dt.datetime, reference: str) -> Binding:
        digest = hashlib.sha256(f"{a}|{b}|{reference}".encode()).hexdigest()
        number = self.prefix + str(int(digest[:12], 16) % 10**8).zfill(8)
        binding = Binding(
            virtual_number=number, binding_id=f"file-{digest[:16]}", expires_at=expires_at
        )
        self._log(
            f"bind {binding.binding_id} X={number} A={mask(a)} B={mask(b)} until={expires_at.isoformat()} "
            f"ref={reference}"
        )
        return binding

    def unbind(self, *, binding_id: str, virtual_number: str = "") -> None:
        self._log(f"unbind {binding_id} X={virtual_number}")


class HttpBackend:
    """An AXB service over HTTP (see the module's docstring for the shape)."""

    def __init__(
        self,
        base_url: str,
        pool_key: str,
        access_key: str = "",
        secret: str = "",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.pool_key = pool_key
        self.access_key = access_key
        self.secret = secret
        self.timeout = timeout

    def _call(self, action: str, payload: dict) -> dict:
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        signature = hmac.new(self.secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        answer = post_json(
            f"{self.base_url}/{action}",
            payload,
            timeout=self.timeout,
            headers={"X-Access-Key": self.access_key, "X-Signature": signature},
        )
        code = str(answer.get("Code", ""))
        if code != "OK":
            raise GatewayError(
                f"{action}: {code} {answer.get('Message', '')}".strip(),
                retryable=code in RETRYABLE_CODES,
                code=code or "bad_answer",
            )
        return answer

    def bind(self, *, a: str, b: str, expires_at: dt.datetime, reference: str) -> Binding:
        from django.utils import timezone

        answer = self._call(
            "BindAxb",
            {
                "PoolKey": self.pool_key,
                "PhoneNoA": a,
                "PhoneNoB": b,
                "OutId": reference,
                "Expiration": timezone.localtime(expires_at).strftime("%Y-%m-%d %H:%M:%S"),
            },
        )
        dto = answer.get("SecretBindDTO") or {}
        number, subs_id = str(dto.get("SecretNo", "")), str(dto.get("SubsId", ""))
        if not number or not subs_id:
            raise GatewayError(
                "BindAxb: the answer has no SecretNo or SubsId", retryable=False, code="bad_answer"
            )
        return Binding(virtual_number=number, binding_id=subs_id, expires_at=expires_at)

    def unbind(self, *, binding_id: str, virtual_number: str = "") -> None:
        self._call(
            "UnbindSubscription",
            {"PoolKey": self.pool_key, "SubsId": binding_id, "SecretNo": virtual_number},
        )


def get_backend() -> FileBackend | HttpBackend:
    return backend("WULIAN_NUMBER_PRIVACY_BACKEND", DEFAULT_BACKEND)


def bind(*, a: str, b: str, expires_at: dt.datetime, reference: str) -> Binding:
    """Bind a virtual number between ``a`` and ``b`` until ``expires_at``; GatewayError if not."""
    return get_backend().bind(a=a, b=b, expires_at=expires_at, reference=reference)


def unbind(*, binding_id: str, virtual_number: str = "") -> None:
    get_backend().unbind(binding_id=binding_id, virtual_number=virtual_number)
