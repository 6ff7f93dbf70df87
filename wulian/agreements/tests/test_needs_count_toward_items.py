"""Needs served by the unit (or its party members) and confirmed in a month count toward an item
counted by needs."""

import datetime as dt
import zoneinfo

from wulian.agreements import services
from wulian.agreements.models import ItemKind
from wulian.agreements.selectors import fulfilment, needs_served
from wulian.core import counters

SH = zoneinfo.ZoneInfo("Asia/Shanghai")


def _need(world, *, provider_org=None, provider_person=None, confirmed_at, state="confirmed"):
    from wulian.needs.models import Need

    hongmenjie = world.areas["510107005008"]
    need = Need.objects.create(
        title="上门测血压",
        category="health",
        description="老人行动不便",
        area=hongmenjie,
        community=hongmenjie,
        street=world.areas["510107005000"],
        district=world.areas["510107000000"],
        posted_by=world.people["li_xiuying"],
        state=state,
        provider_org=provider_org,
        provider_person=provider_person,
        listed_at=confirmed_at,
        confirmed_at=confirmed_at if state == "confirmed" else None,
    )
    counters.created(need)
    return need


def test_confirmed_needs_served_by_the_unit_count_in_their_month(world, clock):
    huaxi = world.orgs["huaxi"]
    months = [dt.date(2026, 11, 1), dt.date(2026, 12, 1)]
    before = needs_served(huaxi.pk, months)  # the needs demo may have served some already
    _need(
        world, provider_org=huaxi, confirmed_at=dt.datetime(2026, 11, 30, 23, 30, tzinfo=SH)
    )  # still November in Chengdu
    _need(
        world,
        provider_person=world.people["wang_jianguo"],
        confirmed_at=dt.datetime(2026, 12, 1, 0, 30, tzinfo=SH),
    )
    _need(
        world, provider_org=huaxi, confirmed_at=dt.datetime(2026, 12, 2, 9, tzinfo=SH), state="done"
    )  # not confirmed
    _need(
        world, provider_org=world.orgs["cdc"], confirmed_at=dt.datetime(2026, 12, 2, 9, tzinfo=SH)
    )  # another unit
    after = needs_served(huaxi.pk, months)
    assert [after.get(m, 0) - before.get(m, 0) for m in months] == [1, 1]


def test_needs_count_toward_an_item_counted_by_needs(world, draft):
    services.add_item(
        agreement=draft,
        by=None,
        content="群众需求接单",
        kind=ItemKind.NEEDS,
        target_count=2,
        target_unit="件/月",
        responsible_org=world.orgs["huaxi"],
        responsible_person="王建国",
    )
    december = [dt.date(2026, 12, 1)]
    before = needs_served(world.orgs["huaxi"].pk, december).get(december[0], 0)
    _need(
        world,
        provider_org=world.orgs["huaxi"],
        confirmed_at=dt.datetime(2026, 12, 3, 10, tzinfo=SH),
    )
    rows = dict((item.content, cells) for item, cells in fulfilment(draft, december))
    assert rows["群众需求接单"][0].delivered == before + 1
    assert rows["免费义诊"][0].delivered == 0  # a service item does not count needs
