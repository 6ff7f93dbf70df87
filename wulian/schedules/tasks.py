"""Scheduled job: every morning, make the period's 现场会 / 督导 once and flag past ones missed."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.core import channels
from wulian.schedules import services


# 01:10 UTC = 09:10 in Chengdu; on the 1st of a month (or quarter) it makes the period's meeting
# (or inspection), and the days after it finds them made and does nothing.
@db_periodic_task(crontab(minute="10", hour="1"))
def keep_schedules() -> tuple[list[int], list[int]]:
    with channels.using(channels.JOB):
        made, missed = services.run_schedules()
    return [o.pk for o in made], [o.pk for o in missed]
