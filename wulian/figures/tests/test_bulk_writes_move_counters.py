"""``update()`` and ``bulk_create()`` through a registered model's manager (its ``FactQuerySet``)
move the counters inside the write's transaction; writes that bypass it do not (``check`` finds
them, ``recompute`` repairs them)."""

import pytest

from wulian.figures import registry, services
from wulian.figures.models import ALL_TIME, Counter
from wulian.orgs import services as org_services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.web.demo import QINGYUAN, XIHUAMEN, ZHIQIANG

pytestmark = pytest.mark.django_db


def _values(areas, key) -> list[int]:
    got = dict(Counter.objects.filter(area__in=areas, key=key, period=ALL_TIME).values_list("area_id", "value"))
    return [got.get(a.pk, 0) for a in areas]


def _org(world, name, *, area=XIHUAMEN, party_body=PartyBody.NONE) -> Org:
    return org_services.create_org(by=None, name=name, kind=Kind.PRIVATE_FIRM, area=world.areas[area],
                                   party_body=party_body)


def test_conditional_update_through_the_manager_moves_every_ancestors_counter(world):
    org = _org(world, "条件更新测试企业")
    chain = world.areas[XIHUAMEN].ancestors(include_self=True)
    before = _values(chain, "orgs.party_bodies")

    n = Org.objects.filter(pk=org.pk, party_body=PartyBody.NONE).update(party_body=PartyBody.BRANCH)

    assert n == 1
    assert _values(chain, "orgs.party_bodies") == [b + 1 for b in before]
    assert services.check() == []


def test_conditional_update_that_matches_nothing_changes_no_counter(world):
    org = _org(world, "条件不符测试企业")
    counters = services.stored()

    n = Org.objects.filter(pk=org.pk, party_body=PartyBody.COMMITTEE).update(party_body=PartyBody.BRANCH)

    assert n == 0
    assert Org.objects.get(pk=org.pk).party_body == PartyBody.NONE
    assert services.stored() == counters


def test_update_of_several_rows_moves_their_counters_to_the_new_area(world):
    orgs = [_org(world, f"迁移测试企业{i}") for i in range(3)]
    old_chain = world.areas[XIHUAMEN].ancestors(include_self=True)  # city → … → community
    new_chain = world.areas[ZHIQIANG].ancestors(include_self=True)
    assert old_chain[0] == new_chain[0] and old_chain[1] != new_chain[1]  # only the city in common
    old_before, new_before = _values(old_chain, "orgs.total"), _values(new_chain, "orgs.total")

    n = Org.objects.filter(pk__in=[o.pk for o in orgs]).update(area=world.areas[ZHIQIANG])

    assert n == 3
    assert _values(old_chain, "orgs.total") == old_before[:1] + [b - 3 for b in old_before[1:]]
    assert _values(new_chain, "orgs.total") == new_before[:1] + [b + 3 for b in new_before[1:]]
    assert services.check() == []


def test_update_through_a_related_manager_is_counted(world):
    org = _org(world, "关联管理器测试企业")
    area = world.areas[XIHUAMEN]
    before = _values([area], "orgs.kind.state_firm")

    n = area.orgs.filter(pk=org.pk).update(kind=Kind.STATE_FIRM)

    assert n == 1
    assert _values([area], "orgs.kind.state_firm") == [before[0] + 1]
    assert services.check() == []


def test_bulk_create_through_the_manager_counts_the_created_rows(world):
    chain = world.areas[QINGYUAN].ancestors(include_self=True)
    before = _values(chain, "orgs.total")

    Org.objects.bulk_create([Org(name=f"批量测试企业{i}", kind=Kind.PRIVATE_FIRM, area=world.areas[QINGYUAN])
                             for i in range(4)])

    assert _values(chain, "orgs.total") == [b + 4 for b in before]
    assert services.check() == []


@pytest.mark.parametrize("option", ["ignore_conflicts", "update_conflicts"])
def test_bulk_create_that_may_skip_or_overwrite_rows_is_refused(world, option):
    count, counters = Org.objects.count(), services.stored()
    kwargs = {option: True}
    if option == "update_conflicts":
        kwargs.update(update_fields=["kind"], unique_fields=["credit_code"])

    with pytest.raises(ValueError, match="orgs.Org feeds the figures counters"):
        Org.objects.bulk_create([Org(name="冲突测试企业", kind=Kind.PRIVATE_FIRM, area=world.areas[QINGYUAN])],
                                **kwargs)

    assert Org.objects.count() == count
    assert services.stored() == counters


def test_writes_inside_suspended_leave_the_counters_to_recompute(world):
    org = _org(world, "暂停计数测试企业")
    counters = services.stored()

    with registry.suspended():
        Org.objects.filter(pk=org.pk).update(party_body=PartyBody.BRANCH)
        Org.objects.bulk_create([Org(name="暂停批量测试企业", kind=Kind.SECTOR, area=world.areas[QINGYUAN],
                                     party_body=PartyBody.NONE)])

    assert services.stored() == counters
    assert {d.key for d in services.check()} == {
        "orgs.party_bodies", "orgs.body.branch", "orgs.total", "orgs.units", "orgs.kind.sector"}
    services.recompute()
    assert services.check() == []
