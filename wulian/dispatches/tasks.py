"""Scheduled jobs: the monthly dispatch on its day, and the escalation of overdue rectifications."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from wulian.areas.models import Area, Level
from wulian.core import channels
from wulian.orgs.models import Kind, Org


def dispatch_day() -> int:
    return int(getattr(settings, "WULIAN_DISPATCH_DAY", 5))


def dispatch_scopes() -> list[Area]:
    """City, districts and streets that have an issuer on the platform."""
    gc_areas = Org.objects.filter(kind=Kind.GOVERNANCE_COMMITTEE).values_list("area_id", flat=True)
    led = Org.objects.filter(leads__isnull=False).values_list("leads_id", flat=True)
    return list(
        Area.objects.filter(level__in=[Level.CITY, Level.DISTRICT, Level.STREET])
        .filter(pk__in=list(gc_areas) + list(led))
        .order_by("path")
    )


def run_monthly_dispatches(today: dt.date | None = None) -> list[int]:
    """On the configured day, the previous month's draft for every scope, once."""
    from wulian.dispatches.services import generate_monthly_dispatch, previous_month

    today = today or timezone.localdate()
    if today.day != dispatch_day():
        return []
    made = []
    with channels.using(channels.JOB):
        for area in dispatch_scopes():
            dispatch, created = generate_monthly_dispatch(
                scope_area=area, period=previous_month(today), by=None, today=today
            )
            if created:
                made.append(dispatch.pk)
    return made


def run_escalations(today: dt.date | None = None) -> list[int]:
    from wulian.dispatches.services import escalate_overdue_rectifications

    with channels.using(channels.JOB):
        return escalate_overdue_rectifications(today=today)


# 01:05 UTC = 09:05 in Chengdu, every day; the job itself checks the configured day.
@db_periodic_task(crontab(minute="5", hour="1"))
def monthly_dispatches():
    run_monthly_dispatches()


@db_periodic_task(crontab(minute="15", hour="1"))
def escalate_rectifications():
    run_escalations()
