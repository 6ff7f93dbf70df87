"""The kernel's calls (``core.counters``) that services make inside their transaction: a
conditional ``update`` returns its count and moves the counters exactly, ``created`` and
``deleted`` count rows, nothing is left after a rollback, and the ancestors' deltas wait in the
pending table (read by dashboards, so figures are exact) until the fold moves them, exactly."""

import pytest
from django.db import transaction

from wulian.core import counters
from wulian.figures import selectors, services
from wulian.figures.models import ALL_TIME, Counter, PendingRollup
from wulian.figures.selectors import counter_value
from wulian.orgs import services as org_services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.web.demo import QINGYUAN, XIHUAMEN, ZHIQIANG

pytestmark = pytest.mark.django_db


def _values(areas, key) -> list[int]:
    return [counter_value(a, key) for a in areas]


def _rows(areas, key) -> list[int]:
    """The counter rows alone, without the pending deltas."""
    got = dict(
        Counter.objects.filter(area__in=areas, key=key, period=ALL_TIME).values_list(
            "area_id", "value"
        )
    )
    return [got.get(a.pk, 0) for a in areas]


def _org(world, name, *, area=XIHUAMEN, party_body=PartyBody.NONE) -> Org:
    return org_services.create_org(
        by=None, name=name, kind=Kind.PRIVATE_FIRM, area=world.areas[area], party_body=party_body
    )


def test_conditional_update_returns_its_count_and_moves_every_ancestors_figure(world):
    org = _org(world, "条件更新测试企业")
    chain = world.areas[XIHUAMEN].ancestors(include_self=True)
    before = _values(chain, "orgs.party_bodies")

    n = counters.update(
        Org.objects.filter(pk=org.pk, party_body=PartyBody.NONE), party_body=PartyBody.BRANCH
    )

    assert n == 1
    assert Org.objects.get(pk=org.pk).party_body == PartyBody.BRANCH
    assert _values(chain, "orgs.party_bodies") == [b + 1 for b in before]
    assert services.check() == []


def test_conditional_update_that_matches_nothing_returns_zero_and_changes_nothing(world):
    org = _org(world, "条件不符测试企业")
    stored, pending = services.stored(), PendingRollup.objects.count()

    n = counters.update(
        Org.objects.filter(pk=org.pk, party_body=PartyBody.COMMITTEE), party_body=PartyBody.BRANCH
    )

    assert n == 0
    assert Org.objects.get(pk=org.pk).party_body == PartyBody.NONE
    assert services.stored() == stored
    assert PendingRollup.objects.count() == pending


def test_update_of_several_rows_moves_their_figures_to_the_new_area(world):
    orgs = [_org(world, f"迁移测试企业{i}") for i in range(3)]
    old_chain = world.areas[XIHUAMEN].ancestors(include_self=True)  # city → … → community
    new_chain = world.areas[ZHIQIANG].ancestors(include_self=True)
    assert old_chain[0] == new_chain[0]
    assert old_chain[1] != new_chain[1]  # only the city in common
    old_before, new_before = _values(old_chain, "orgs.total"), _values(new_chain, "orgs.total")

    n = counters.update(Org.objects.filter(pk__in=[o.pk for o in orgs]), area=world.areas[ZHIQIANG])

    assert n == 3
    assert _values(old_chain, "orgs.total") == old_before[:1] + [b - 3 for b in old_before[1:]]
    assert _values(new_chain, "orgs.total") == new_before[:1] + [b + 3 for b in new_before[1:]]
    assert services.check() == []


def test_update_through_a_related_manager_is_counted(world):
    org = _org(world, "关联管理器测试企业")
    area = world.areas[XIHUAMEN]
    before = _values([area], "orgs.kind.state_firm")

    n = counters.update(area.orgs.filter(pk=org.pk), kind=Kind.STATE_FIRM)

    assert n == 1
    assert _values([area], "orgs.kind.state_firm") == [before[0] + 1]
    assert services.check() == []


def test_created_counts_the_rows_of_a_bulk_create(world):
    chain = world.areas[QINGYUAN].ancestors(include_self=True)
    before = _values(chain, "orgs.total")

    counters.created(
        Org.objects.bulk_create(
            [
                Org(name=f"批量测试企业{i}", kind=Kind.PRIVATE_FIRM, area=world.areas[QINGYUAN])
                for i in range(4)
            ]
        )
    )

    assert _values(chain, "orgs.total") == [b + 4 for b in before]
    assert services.check() == []


def test_deleted_uncounts_the_row(world):
    org = _org(world, "删除测试企业", area=QINGYUAN)
    chain = world.areas[QINGYUAN].ancestors(include_self=True)
    before = _values(chain, "orgs.total")

    with transaction.atomic():
        counters.deleted(org)
        org.delete()

    assert _values(chain, "orgs.total") == [b - 1 for b in before]
    assert services.check() == []


def test_tracking_a_save_moves_the_figures_by_the_difference(world):
    org = _org(world, "跟踪保存测试企业")
    area = world.areas[XIHUAMEN]
    before = _values([area], "orgs.kind.sector") + _values([area], "orgs.kind.private_firm")

    with counters.tracking(org):
        org.kind = Kind.SECTOR
        org.save()

    assert _values([area], "orgs.kind.sector") + _values([area], "orgs.kind.private_firm") == [
        before[0] + 1,
        before[1] - 1,
    ]
    assert services.check() == []


def _count_then_fail(world, org):
    """A service that changes one org and creates another, counting both, then fails."""
    with transaction.atomic():
        counters.update(Org.objects.filter(pk=org.pk), party_body=PartyBody.BRANCH)
        counters.created(
            Org.objects.create(
                name="回滚新建企业", kind=Kind.PRIVATE_FIRM, area=world.areas[QINGYUAN]
            )
        )
        raise RuntimeError("the service failed after counting")


def test_a_rolled_back_write_leaves_no_counter_and_no_pending_delta(world):
    org = _org(world, "回滚测试企业")
    stored, pending = services.stored(), PendingRollup.objects.count()

    with pytest.raises(RuntimeError):
        _count_then_fail(world, org)

    assert services.stored() == stored
    assert PendingRollup.objects.count() == pending
    assert services.check() == []


def test_only_the_own_areas_row_moves_now_and_the_fold_moves_the_ancestors_exactly(world):
    counters.fold_pending()
    community = world.areas[XIHUAMEN]
    chain = community.ancestors(include_self=True)  # city, district, street, community
    rows_before, exact_before = _rows(chain, "orgs.total"), _values(chain, "orgs.total")
    figures_before = {a.pk: selectors.area_figures(a)["orgs.total"] for a in chain}

    _org(world, "待汇总测试企业一")
    _org(world, "待汇总测试企业二")

    # In the writer's transaction: the community's own row; the ancestors' deltas wait, pending.
    assert _rows(chain, "orgs.total") == rows_before[:-1] + [rows_before[-1] + 2]
    pending = {
        (p.area_id, p.value)
        for p in PendingRollup.objects.filter(key="orgs.total", period=ALL_TIME)
    }
    assert pending == {(a.pk, 1) for a in chain[:-1]}
    assert (
        PendingRollup.objects.filter(key="orgs.total", period=ALL_TIME).count() == 6
    )  # 2 facts × 3 ancestors
    # ... yet every reader sees the exact figure already, and the reconciler agrees.
    assert _values(chain, "orgs.total") == [v + 2 for v in exact_before]
    assert {a.pk: selectors.area_figures(a)["orgs.total"] for a in chain} == {
        pk: v + 2 for pk, v in figures_before.items()
    }
    assert services.check() == []

    waiting = PendingRollup.objects.count()
    folded = counters.fold_pending()

    assert folded == waiting
    assert PendingRollup.objects.exists() is False
    assert _rows(chain, "orgs.total") == [v + 2 for v in exact_before]
    assert _values(chain, "orgs.total") == [v + 2 for v in exact_before]
    assert services.check() == []


def test_recompute_clears_the_pending_deltas(world):
    _org(world, "重算测试企业")
    assert PendingRollup.objects.exists() is True

    services.recompute()

    assert PendingRollup.objects.exists() is False
    assert services.check() == []


def test_writes_inside_suspended_leave_the_counters_to_recompute(world):
    org = _org(world, "暂停计数测试企业")
    stored = services.stored()

    with counters.suspended():
        counters.update(Org.objects.filter(pk=org.pk), party_body=PartyBody.BRANCH)
        counters.created(
            Org.objects.bulk_create(
                [
                    Org(
                        name="暂停批量测试企业",
                        kind=Kind.SECTOR,
                        area=world.areas[QINGYUAN],
                        party_body=PartyBody.NONE,
                    )
                ]
            )
        )

    assert services.stored() == stored
    assert {d.key for d in services.check()} == {
        "orgs.party_bodies",
        "orgs.body.branch",
        "orgs.total",
        "orgs.units",
        "orgs.kind.sector",
    }
    services.recompute()
    assert services.check() == []


def test_the_roll_up_job_folds_every_pending_delta(world):
    from wulian.figures import tasks

    _org(world, "任务汇总测试企业")
    waiting = PendingRollup.objects.count()
    exact = services.stored()
    assert waiting > 0

    tasks.roll_up_pending()  # Huey runs in immediate mode in tests: the job runs now

    assert PendingRollup.objects.exists() is False
    assert tasks.roll_up_pending.call_local() == 0  # nothing left to fold
    assert services.stored() == exact
    assert services.check() == []
