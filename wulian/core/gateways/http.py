"""A JSON-over-HTTP client for gateways, on the standard library: every failure becomes a
:class:`~wulian.core.gateways.GatewayError` with a reason a person can read in the delivery log."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from wulian.core.gateways import GatewayError

DEFAULT_TIMEOUT = 5.0  # seconds, connect and read each


def post_json(
    url: str,
    payload: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """POST ``payload`` as JSON and return the JSON object answered.

    Time-outs, refused connections, HTTP 429 and 5xx are retryable; other HTTP errors and
    answers that are not a JSON object are not."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 (the configured gateway URL, never user input)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
            raw = response.read(1024 * 1024)
    except urllib.error.HTTPError as exc:
        retryable = exc.code == 429 or exc.code >= 500
        raise GatewayError(
            f"HTTP {exc.code} from {_host(url)}", retryable=retryable, code=f"http_{exc.code}"
        ) from None
    except TimeoutError:
        raise GatewayError(
            f"time-out after {timeout:g} s at {_host(url)}", retryable=True, code="timeout"
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise GatewayError(
                f"time-out after {timeout:g} s at {_host(url)}", retryable=True, code="timeout"
            ) from None
        raise GatewayError(
            f"cannot reach {_host(url)}: {reason}", retryable=True, code="unreachable"
        ) from None
    except (ConnectionError, OSError) as exc:
        raise GatewayError(
            f"connection to {_host(url)} failed: {exc}", retryable=True, code="unreachable"
        ) from None
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise GatewayError(
            f"{_host(url)} answered something that is not JSON", retryable=False, code="bad_answer"
        ) from None
    if not isinstance(answer, dict):
        raise GatewayError(
            f"{_host(url)} answered JSON that is not an object", retryable=False, code="bad_answer"
        )
    return answer


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url
