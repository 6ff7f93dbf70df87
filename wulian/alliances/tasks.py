"""Huey jobs of the alliances app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.alliances import services


@db_periodic_task(crontab(hour="1", minute="10"))
def remind_ending_terms() -> int:
    """Every night (01:10 UTC, 09:10 in Shanghai): remind committees of terms ending soon."""
    return services.remind_ending_terms()
