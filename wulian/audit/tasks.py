from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.audit.services import seal_chains


@db_periodic_task(crontab(minute="7"))
def seal_audit_trail():
    """Hourly: append a signed seal of every chain that grew to the seal file (outside the database)."""
    seal_chains()
