"""Huey jobs of service agreements."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.agreements import services
from wulian.core import channels


@db_periodic_task(crontab(minute="27"))
def watch_unconfirmed_deliveries() -> dict[str, int]:
    """Every hour: deliveries the community has not confirmed within WULIAN_DELIVERY_CONFIRM_DAYS
    are flagged to the community's area roles, once each."""
    with channels.using(channels.JOB):
        flagged = services.flag_unconfirmed_deliveries()
    return {"flagged": flagged}
