"""The suite's own counter guard (``counters_guard``): it sees which counted tables a test
wrote, and the check it runs finds a planted difference in those families only."""

import pytest
from django.db import connection

from wulian.core import counters
from wulian.figures.models import ALL_TIME, Counter, PendingRollup
from wulian.figures.tests.counters_guard import Writes, _check
from wulian.needs.models import Need
from wulian.orgs.models import Org
from wulian.web.demo import CITY, XIHUAMEN


@pytest.mark.counters_unchecked
def test_the_guard_finds_a_planted_difference_in_the_written_family_only(world):
    row = Counter.objects.get(area=world.areas[CITY], key="orgs.total", period=ALL_TIME)
    Counter.objects.filter(pk=row.pk).update(value=row.value + 7)
    assert [(d.area_code, d.key, d.period, d.stored, d.fresh) for d in _check({"orgs"})] == [
        (CITY, "orgs.total", ALL_TIME, row.value + 7, row.value)
    ]
    assert _check({"needs"}) == []


@pytest.mark.counters_unchecked
def test_the_guard_folds_the_pending_rows_before_it_checks(world):
    org = Org.objects.filter(area__code=XIHUAMEN).first()
    with counters.tracking(org):
        org.name = f"{org.name}（改）"
        org.save(update_fields=["name"])
    need_area = world.areas[XIHUAMEN]
    counters.apply({(need_area.pk, "needs.posted", ALL_TIME): 1})  # a need nobody posted
    assert PendingRollup.objects.filter(key="needs.posted").count() == 3  # street, district, city
    assert len(_check({"needs"})) == 4
    assert PendingRollup.objects.count() == 0


def test_writes_name_the_families_of_the_tables_written(world):
    writes = Writes()
    with connection.execute_wrapper(writes):
        Need.objects.filter(pk=0).update(title="x")
        Org.objects.filter(pk=0).update(name="x")
    assert writes.families >= {"needs", "orgs", "duties", "dispatches"}  # duties hang on orgs
    assert (writes.counters_written, writes.areas_changed) == (False, False)
    assert writes.scope() == writes.families


def test_writing_only_counters_or_moving_areas_checks_every_family(world):
    counters_only, areas = Writes(), Writes()
    with connection.execute_wrapper(counters_only):
        Counter.objects.filter(pk=0).update(value=1)
    with connection.execute_wrapper(areas):
        world.areas[XIHUAMEN].__class__.objects.filter(pk=0).update(name="x")
    assert (counters_only.scope(), areas.scope()) == (None, None)


def test_reads_and_writes_elsewhere_check_nothing(world):
    writes = Writes()
    with connection.execute_wrapper(writes):
        list(Need.objects.all()[:1])
        world.users["city_admin"].__class__.objects.filter(pk=0).update(first_name="x")
    assert writes.scope() is False
