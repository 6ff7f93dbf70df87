"""Issue 17 end to end, on PostgreSQL: 32 residents in 32 communities of one district each post a
need, and a unit of their community claims it, through the real services (counters and audit
entries written inside the transaction). Every writer sets ``lock_timeout = '2s'``, does its
writes, then waits on one barrier for all 32 BEFORE committing: a writer queued behind another's
row could never reach the barrier (the row's holder commits only after it), so passing it proves
that the 32 transactions held their writes at the same moment without waiting on each other. The
control: a second writer in the SAME community does wait (its community's own counter row).

The audit trail has ``WULIAN_AUDIT_SHARDS`` heads (16 by default): 32 communities cannot all
have a head of their own there, so two writers sharing a shard would queue in pairs on its head.
The test runs with more shards than writers, as a deployment does that wants 32 writers at once,
and picks communities that fall in different shards. PostgreSQL only: SQLite serialises every
writer in the database, by design."""

import threading

import pytest
from django.db import OperationalError, connection

from wulian.accounts.models import RoleKind, User
from wulian.accounts.tests.factories import ResidentFactory, UserFactory
from wulian.areas.models import Area
from wulian.areas.tests.factories import (
    CityFactory,
    CommunityFactory,
    DistrictFactory,
    StreetFactory,
)
from wulian.audit.models import AuditEntry
from wulian.audit.seals import verify_chain
from wulian.audit.services import shard_for
from wulian.core.tests.concurrency import held_open, waiting_at_most
from wulian.figures import services as figures
from wulian.figures.selectors import counter_value
from wulian.needs import services as needs
from wulian.needs.models import Category, Need, State
from wulian.orgs.tests.factories import UnitFactory

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]
WRITERS = 32
SHARDS = 256  # more heads than writers, so that 32 communities can each have their own


def _communities(n: int) -> tuple[Area, list[Area]]:
    """A district of four streets and ``n`` communities under them, each in its own audit shard."""
    district = DistrictFactory(parent=CityFactory())
    streets = [StreetFactory(parent=district) for _ in range(4)]
    chosen: dict[int, Area] = {}
    for i in range(4 * n):
        community = CommunityFactory(parent=streets[i % 4])
        chosen.setdefault(shard_for(f"area:{community.pk}"), community)
        if len(chosen) == n:
            return district, list(chosen.values())
    raise AssertionError(f"{4 * n} communities fell in fewer than {n} shards")


def _people(community: Area) -> tuple[User, User]:
    """A resident of ``community`` (who posts) and the contact of a unit there (who claims)."""
    resident = ResidentFactory(person__home_area=community)
    contact = UserFactory(role=RoleKind.UNIT_CONTACT, org=UnitFactory(area=community))
    return resident, contact


def _post_and_claim(resident: User, contact: User, title: str) -> Need:
    need = needs.post_need(
        by=resident, title=title, category=Category.HEALTH, description="需要有人帮忙。"
    )
    return needs.claim_need(need=need, by=contact)


def test_thirty_two_writers_in_thirty_two_communities_hold_their_writes_at_once(settings):
    settings.WULIAN_AUDIT_SHARDS = SHARDS
    district, communities = _communities(WRITERS)
    people = [_people(c) for c in communities]
    figures.recompute(
        district.parent
    )  # the factories write areas, units and roles without counters
    before = {key: counter_value(district, key) for key in ("needs.posted", "needs.claimed")}
    barrier = threading.Barrier(WRITERS, timeout=120)  # a bound for a failure, never waited out
    errors: list[tuple[int, str]] = []

    def write(i: int) -> None:
        try:
            with waiting_at_most("2s"):
                _post_and_claim(*people[i], title=f"同时写入{i:02d}")
                barrier.wait()  # all 32 transactions open, with their writes done
        except Exception as exc:  # noqa: BLE001 - asserted below
            barrier.abort()  # the others stop waiting and roll back
            errors.append((i, repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert errors == []
    written = Need.objects.filter(community__in=communities)
    assert sorted(written.values_list("title", "state")) == [
        (f"同时写入{i:02d}", State.CLAIMED) for i in range(WRITERS)
    ]
    entries = AuditEntry.objects.filter(
        object_type="needs.need",
        object_id__in=[str(pk) for pk in written.values_list("pk", flat=True)],
    )
    assert (
        sorted(entries.values_list("action", flat=True))
        == ["need.claim"] * WRITERS + ["need.post"] * WRITERS
    )
    assert len(set(entries.values_list("chain", flat=True))) == WRITERS
    figures.roll_up_pending()
    assert {key: counter_value(district, key) - value for key, value in before.items()} == {
        "needs.posted": WRITERS,
        "needs.claimed": WRITERS,
    }
    assert figures.check() == []
    assert verify_chain() == (AuditEntry.objects.count(), None)


def test_a_second_writer_in_the_same_community_waits(settings):
    settings.WULIAN_AUDIT_SHARDS = SHARDS
    district, (community,) = _communities(1)
    first, second = _people(community), _people(community)
    figures.recompute(district.parent)
    with (
        held_open(lambda: _post_and_claim(*first, title="先写入")),
        pytest.raises(OperationalError, match="lock timeout"),
        waiting_at_most("200ms"),
    ):
        _post_and_claim(*second, title="后写入")

    assert list(Need.objects.filter(community=community).values_list("title", flat=True)) == [
        "先写入"
    ]
    figures.roll_up_pending()
    assert figures.check() == []
    assert verify_chain() == (AuditEntry.objects.count(), None)
