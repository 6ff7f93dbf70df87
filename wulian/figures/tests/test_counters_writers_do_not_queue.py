"""On PostgreSQL, writers in different communities of one street do not wait on each other for
the street's, district's or city's counter rows: inside a writer's transaction only its own
area's rows are locked, the ancestors' deltas are appended to the pending table. A writer in the
SAME community does wait (the own row is locked): the probe below is able to see waiting."""

import pytest
from django.db import OperationalError, connection

from wulian.areas.models import Area
from wulian.core import counters
from wulian.core.tests.concurrency import held_open, waiting_at_most
from wulian.figures import services
from wulian.figures.selectors import counter_value
from wulian.orgs.models import Kind, Org
from wulian.web.demo import XIHUAMEN

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency]


def _add_org(area: Area, name: str) -> None:
    counters.created(Org.objects.create(name=name, kind=Kind.PRIVATE_FIRM, area=area))


def test_a_writer_in_another_community_of_the_street_does_not_wait(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises every writer)")
    a = world.areas[XIHUAMEN]
    b = (
        Area.objects.filter(parent_id=a.parent_id, level=a.level)
        .exclude(pk=a.pk)
        .order_by("code")
        .first()
    )
    assert b is not None, "the demo has two communities in 西华门街道"
    street, city = a.parent, a.ancestors(include_self=False)[0]
    before = {x.pk: counter_value(x, "orgs.total") for x in (a, b, street, city)}

    with held_open(lambda: _add_org(a, "并发计数甲")), waiting_at_most("2s"):
        _add_org(b, "并发计数乙")  # no OperationalError

    assert {x.pk: counter_value(x, "orgs.total") for x in (a, b, street, city)} == {
        a.pk: before[a.pk] + 1,
        b.pk: before[b.pk] + 1,
        street.pk: before[street.pk] + 2,
        city.pk: before[city.pk] + 2,
    }
    counters.fold_pending()
    assert services.check() == []


def test_a_writer_in_the_same_community_waits_for_its_row(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL only (SQLite serialises every writer)")
    a = world.areas[XIHUAMEN]
    before = counter_value(a, "orgs.total")

    with (
        held_open(lambda: _add_org(a, "并发计数丁")),
        pytest.raises(OperationalError, match="lock timeout"),
        waiting_at_most("200ms"),
    ):
        _add_org(a, "并发计数丙")

    assert counter_value(a, "orgs.total") == before + 1
    assert services.check() == []
