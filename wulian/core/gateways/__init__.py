"""Outside services (SMS, WeChat, SMTP, number privacy) behind one shape.

Each service is a *gateway*: a small interface with a file/console backend by default and a
real network backend chosen by a setting. Backends raise :class:`GatewayError` and nothing else,
so callers (services, Huey tasks) decide about retries from ``retryable`` alone.

Nothing here imports a wulian app: the gateways are part of the kernel.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


class GatewayError(Exception):
    """An outside service did not do what was asked.

    ``retryable`` is True for time-outs, connection failures and the service's own "try later"
    answers (HTTP 429 and 5xx); False for answers that will not change on a retry (a refused
    signature, an unknown template, a malformed number)."""

    def __init__(self, message: str, *, retryable: bool, code: str = "") -> None:
        super().__init__(message)
        self.retryable = retryable
        self.code = code


def backend(setting: str, default: str, **options: Any) -> Any:
    """The backend instance named by ``settings.<setting>`` (a dotted class path), built once
    per process with the options of ``settings.<setting>_OPTIONS``."""
    path = getattr(settings, setting, None) or default
    configured = dict(getattr(settings, f"{setting}_OPTIONS", {}) or {})
    configured.update(options)
    return _build(path, tuple(sorted(configured.items(), key=lambda kv: kv[0])))


@cache
def _build(path: str, options: tuple[tuple[str, Any], ...]) -> Any:
    return import_string(path)(**dict(options))


def reset_backends() -> None:
    """Forget the built backends (tests change the settings that choose them)."""
    _build.cache_clear()
