"""Which channel a change came through (page, api, import, command, job), for the audit trail."""

import contextlib
import contextvars
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

PAGE, API, IMPORT, COMMAND, JOB = "page", "api", "import", "command", "job"
CHANNEL_CHOICES = [
    (PAGE, _("页面")),
    (API, _("接口")),
    (IMPORT, _("导入")),
    (COMMAND, _("命令")),
    (JOB, _("任务")),
]

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
