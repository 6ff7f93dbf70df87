"""Huey jobs of the needs menu."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import channels
from wulian.needs import services


@db_periodic_task(crontab(minute="7"))
def watch_unclaimed_needs() -> dict[str, int]:
    """Every hour: flag needs unclaimed past WULIAN_NEED_FLAG_HOURS to the community's staff,
    escalate those still unclaimed WULIAN_NEED_ESCALATE_HOURS later to the street, and expire
    needs past their wished end (each at most once per need)."""
    with channels.using(channels.JOB):
        flagged, escalated = services.flag_stale_needs()
        expired = services.expire_needs()
    return {"flagged": flagged, "escalated": escalated, "expired": expired}


@db_periodic_task(crontab(minute="17"))
def watch_unconfirmed_needs() -> dict[str, int]:
    """Every hour: services done whose resident did not confirm within WULIAN_NEED_CONFIRM_DAYS
    are flagged to the community's staff, who decide (once per need)."""
    with channels.using(channels.JOB):
        flagged = services.flag_unconfirmed_needs()
    return {"flagged": flagged}
