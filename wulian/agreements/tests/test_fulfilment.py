"""Fulfilment per item per month: delivered / target, red < 60 % ≤ yellow < 100 % ≤ green."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from wulian.agreements import services
from wulian.agreements.models import Delivery, ItemKind
from wulian.agreements.selectors import fulfilment, fulfilment_status
from wulian.resources import services as resource_services


@pytest.mark.parametrize(
    ("delivered", "target", "status"),
    [
        (0, 10, "red"),
        (5, 10, "red"),
        (6, 10, "yellow"),
        (9, 10, "yellow"),
        (10, 10, "green"),
        (13, 10, "green"),
        (0, 0, "green"),
    ],
)
def test_status_thresholds(delivered, target, status):
    assert fulfilment_status(delivered, target) == status


def test_deliveries_count_in_their_month(world, in_force):
    contact = world.users["hongmenjie_admin"]  # recorded by the community: confirmed as recorded
    item = in_force.items.get()
    services.record_delivery(
        item=item, by=contact, date=dt.date(2026, 11, 3), count=4, beneficiaries=60
    )
    services.record_delivery(
        item=item, by=contact, date=dt.date(2026, 11, 20), count=7, beneficiaries=90
    )
    services.record_delivery(item=item, by=contact, date=dt.date(2026, 12, 2), count=6)
    months = [dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)]
    [(row_item, cells)] = fulfilment(in_force, months)
    assert row_item == item
    assert [(c.delivered, c.target, c.status) for c in cells] == [
        (0, 10, "red"),
        (11, 10, "green"),
        (6, 10, "yellow"),
    ]
    assert (cells[1].percent, cells[1].surplus) == (100, 1)


def test_fulfilment_continues_across_versions(world, in_force):
    admin = world.users["hongmenjie_admin"]
    services.record_delivery(
        item=in_force.items.get(), by=admin, date=dt.date(2026, 11, 3), count=10
    )
    new = services.revise_agreement(agreement=in_force, by=admin)
    [(_item, cells)] = fulfilment(new, [dt.date(2026, 11, 1)])
    assert cells[0].delivered == 10


def test_resource_item_must_link_a_resource_of_the_unit(world, draft):
    library_venue = resource_services.create_resource(
        by=None,
        org=world.orgs["library"],
        name="报告厅",
        kind="venue",
        area=world.areas["510105003003"],
        capacity=1,
    )
    with pytest.raises(ValidationError) as exc:
        services.add_item(
            agreement=draft,
            by=world.users["hongmenjie_admin"],
            content="场地",
            kind=ItemKind.RESOURCE,
            resource=library_venue,
            target_count=1,
            target_unit="个",
            responsible_org=world.orgs["huaxi"],
            responsible_person="张三",
        )
    assert list(exc.value.message_dict) == ["resource"]


def test_delivery_refusals_name_their_field_and_write_nothing(world, in_force):
    contact = world.users["huaxi_contact"]
    item = in_force.items.get()
    for kwargs, field in [
        ({"date": dt.date(2026, 12, 11), "count": 1}, "date"),  # tomorrow
        ({"date": dt.date(2025, 12, 1), "count": 1}, "date"),  # before the period
        ({"date": dt.date(2026, 12, 1), "count": 0}, "count"),
        ({"date": dt.date(2026, 12, 1), "count": 1, "beneficiaries": -1}, "beneficiaries"),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.record_delivery(item=item, by=contact, **kwargs)
        assert list(exc.value.message_dict) == [field]
    assert Delivery.objects.filter(item__agreement=in_force).count() == 0


def test_delivery_against_a_draft_is_refused(world, draft):
    with pytest.raises(ValidationError) as exc:
        services.record_delivery(
            item=draft.items.get(),
            by=world.users["huaxi_contact"],
            date=dt.date(2026, 12, 1),
            count=1,
        )
    assert list(exc.value.message_dict) == ["item"]
    assert Delivery.objects.filter(item__agreement=draft).count() == 0
