"""Periodic jobs: release the slots of bookings nobody checked in for, and of pending bookings
the unit never decided on."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import channels
from wulian.resources import services


@db_periodic_task(crontab(minute="*/5"))
def release_no_shows() -> int:
    """Every five minutes: approved bookings past their grace period become no-shows."""
    with channels.using(channels.JOB):
        return services.release_no_shows(by=None)


@db_periodic_task(crontab(minute="*/5"))
def expire_pending_bookings() -> int:
    """Every five minutes: pending bookings whose slot has started are rejected as expired."""
    with channels.using(channels.JOB):
        return services.expire_pending_bookings(by=None)
