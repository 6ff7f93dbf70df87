"""Huey jobs of the duties app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.duties import services


@db_periodic_task(crontab(hour="0", minute="40"))
def sync_official_holidays() -> list[int]:
    """Every night (00:40 UTC): seed the holiday table for years the official package has newly
    come to cover (after an upgrade of ``chinesecalendar``); confirmed years are left alone."""
    return services.sync_official_holidays(by=None)
