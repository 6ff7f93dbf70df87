"""The request log: Django logs a refused request (PermissionDenied, 403) with its exception, so
every refusal printed a traceback. A refusal is expected and says all in one warning line
("Forbidden (Permission denied): /path"); real errors keep their tracebacks."""

import logging

from django.core.exceptions import PermissionDenied


class RefusalsWithoutTraceback(logging.Filter):
    """On ``django.request`` (settings.LOGGING): drop the traceback of a refusal."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
