"""Structured logs: one JSON object per line (``LOG_FORMAT=json``), for log shipping in production.

Kernel code. Records carry time (UTC, ISO 8601), level, logger, message, the process id and any
``extra={...}`` fields a caller attached; exceptions are rendered into ``exc``. Callers never log
personal data in clear (see docs/security.md), so the formatter does not filter it.
"""

import datetime
import json
import logging
import os

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": os.getpid(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
