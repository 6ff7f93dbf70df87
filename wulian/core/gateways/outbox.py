"""The development and demo backend every message gateway shares: a JSON-lines outbox file
under ``var/<folder>/``, one line per message, and a log line with the recipient masked."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from wulian.core.gateways import GatewayError


class FileOutboxBackend:
    folder = "outbox"  # the folder under VAR_DIR; subclasses name their channel's
    label = "message"  # what the log line calls a message
    logger = logging.getLogger("wulian.gateways")
    mask: Callable[[str], str] = staticmethod(lambda to: "…")
    _lock = threading.Lock()

    def __init__(self, directory: str | None = None) -> None:
        self.directory = Path(directory) if directory else Path(settings.VAR_DIR) / self.folder

    @property
    def outbox(self) -> Path:
        return self.directory / "outbox.jsonl"

    def send(self, message: Any) -> str:
        message_id = secrets.token_hex(8)
        line = json.dumps(
            {
                "id": message_id,
                "at": dt.datetime.now(dt.UTC).isoformat(),
                "to": message.to,
                "template": message.template,
                "params": message.params,
                "text": message.text,
            },
            ensure_ascii=False,
        )
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._lock, self.outbox.open("a", encoding="utf-8") as out:
                out.write(line + "\n")
        except OSError as exc:
            raise GatewayError(
                f"cannot write {self.outbox}: {exc}", retryable=False, code="file"
            ) from None
        self.logger.info(
            "%s to %s (%s): %s", self.label, self.mask(message.to), message.template, message.text
        )
        return message_id

    def read(self) -> list[dict]:
        """Every message written so far (tests and the demo read their codes here)."""
        if not self.outbox.exists():
            return []
        return [
            json.loads(line)
            for line in self.outbox.read_text(encoding="utf-8").splitlines()
            if line
        ]
