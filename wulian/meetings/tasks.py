"""Scheduled jobs: escalate action items overdue past the grace period (hourly)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import channels
from wulian.meetings import services


@db_periodic_task(crontab(minute="5"))
def escalate_overdue_action_items() -> list[int]:
    with channels.using(channels.JOB):
        return services.escalate_overdue(by=None)
