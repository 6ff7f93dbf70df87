"""Which channel a change came through (page, api, import, command, job), for the audit trail."""

import contextlib
import contextvars
from collections.abc import Iterator

PAGE, API, IMPORT, COMMAND, JOB = "page", "api", "import", "command", "job"
CHANNEL_CHOICES = [(PAGE, "页面"), (API, "接口"), (IMPORT, "导入"), (COMMAND, "命令"), (JOB, "任务")]

_current: contextvars.ContextVar[str] = contextvars.ContextVar("wulian_channel", default=COMMAND)


def current() -> str:
    return _current.get()


@contextlib.contextmanager
def using(channel: str) -> Iterator[None]:
    token = _current.set(channel)
    try:
        yield
    finally:
        _current.reset(token)
