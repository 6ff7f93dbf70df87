import datetime as dt

import pytest
from django.urls import reverse

from wulian.schedules import services
from wulian.web.demo import CHENGHUA, QINGYANG, WUHOU
from wulian.web.testing import assert_flat_queries, bearer, query_guard

pytestmark = pytest.mark.django_db


def _add(world):
    day = dt.date(2025, 1, 1)
    for code in [CHENGHUA, QINGYANG, WUHOU]:
        area = world.areas[code]
        services.create_schedule(by=None, area=area, kind="onsite_meeting", day=2, place="现场")
    services.make_due(today=day)


@query_guard(
    "schedules:list",
    "schedules:occurrences",
    "schedules:occurrence_export",
    "api:schedule_list",
    "api:occurrence_list",
)
def test_lists_are_flat(world, client):
    from wulian.schedules.models import Occurrence, Schedule

    client.force_login(world.users["city_admin"])
    headers = bearer(world.users["city_admin"])
    for name, api in [
        ("schedules:list", False),
        ("schedules:occurrences", False),
        ("schedules:occurrence_export", False),
        ("api:schedule_list", True),
        ("api:occurrence_list", True),
    ]:
        Occurrence.objects.filter(period_start__year=2025).delete()
        Schedule.objects.filter(occurrences__isnull=True, kind="onsite_meeting").exclude(
            area__code="510105003000"
        ).delete()
        # make_due also makes the demo's schedules' occurrences again: count what the database holds.
        assert_flat_queries(
            client,
            reverse(name),
            lambda: _add(world),
            headers=headers if api else None,
            grows_by=Schedule.objects.count
            if name in ("schedules:list", "api:schedule_list")
            else Occurrence.objects.count,
        )
