"""The kernel's periodic jobs."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import personal_data

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="10"))
def purge_expired_records() -> dict[str, int]:
    """Every night: delete, in batches, the rows kept longer than their retention period
    (``settings.WULIAN_RETENTION``, purges registered by the apps' ``personal_data.py``)."""
    deleted = personal_data.purge_expired()
    log.info("retention purge: %s", deleted)
    return deleted
