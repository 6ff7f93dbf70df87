"""The counters' jobs: fold the ancestors' pending deltas (after each commit that left some, and
every minute), and the nightly reconciliation of every counter with a fresh aggregate."""

import logging
import threading
import time

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from wulian.core import channels, counters
from wulian.figures import services

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"))
def roll_up_pending() -> int:
    """Fold the pending deltas into the ancestors' counters, in one transaction."""
    with channels.using(channels.JOB):
        return counters.fold_pending()


_enqueued = {"at": -1.0}
_enqueued_lock = threading.Lock()
EVERY_SECONDS = 1.0


def enqueue_roll_up() -> None:
    """After a commit that left pending deltas: enqueue the fold, at most once a second per
    process (figures are exact before the fold; a burst of commits needs one fold, not one each).
    A commit skipped here is folded by the next one or by the periodic run."""
    if not HUEY.immediate:
        with _enqueued_lock:
            now = time.monotonic()
            if now - _enqueued["at"] < EVERY_SECONDS:
                return
            _enqueued["at"] = now
    roll_up_pending()


@db_periodic_task(crontab(hour="3", minute="17"))
def check_counters() -> int:
    with channels.using(channels.JOB):
        diffs = services.check()
    for d in diffs[:50]:
        log.warning(
            "figures counter differs: %s %s %s stored=%s fresh=%s",
            d.area_code,
            d.key,
            d.period or "*",
            d.stored,
            d.fresh,
        )
    return len(diffs)
