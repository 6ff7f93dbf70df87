"""The counters' jobs: fold the ancestors' pending deltas (after each commit that left some, and
every minute), and the nightly reconciliation of every counter with a fresh aggregate."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import channels, counters
from wulian.figures import services

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"))
def roll_up_pending() -> int:
    """Fold the pending deltas into the ancestors' counters, in one transaction."""
    with channels.using(channels.JOB):
        return counters.fold_pending()


def enqueue_roll_up() -> None:
    roll_up_pending()


@db_periodic_task(crontab(hour="3", minute="17"))
def check_counters() -> int:
    with channels.using(channels.JOB):
        diffs = services.check()
    for d in diffs[:50]:
        log.warning("figures counter differs: %s %s %s stored=%s fresh=%s",
                    d.area_code, d.key, d.period or "*", d.stored, d.fresh)
    return len(diffs)
