from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.audit.seals import seal_chains


@db_periodic_task(crontab(minute="7"))
def seal_audit_trail():
    """Hourly: if any shard grew, append one signed seal of every shard's head (and their Merkle
    root) to the seal file (outside the database)."""
    seal_chains()
