"""Nightly reconciliation: compare every counter with a fresh aggregate and log differences."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import channels
from wulian.figures import services

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="17"))
def check_counters() -> int:
    with channels.using(channels.JOB):
        diffs = services.check()
    for d in diffs[:50]:
        log.warning("figures counter differs: %s %s %s stored=%s fresh=%s",
                    d.area_code, d.key, d.period or "*", d.stored, d.fresh)
    return len(diffs)
