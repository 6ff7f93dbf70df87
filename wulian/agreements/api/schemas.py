"""What the agreements API reads and answers: agreements, their items, fulfilment and deliveries."""

import datetime as dt

from ninja import Schema

from wulian.agreements.models import (
    Agreement,
    AgreementStatus,
    Delivery,
    DeliveryStatus,
    ItemKind,
    ServiceItem,
    TargetPeriod,
)
from wulian.core.bounds import Date, Id, Int


class ItemOut(Schema):
    id: int
    position: int
    content: str
    standard: str
    kind: ItemKind
    target_count: int
    target_unit: str
    target_period: TargetPeriod
    responsible_org: int
    responsible_org_name: str
    responsible_person: str
    resource: int | None

    @staticmethod
    def resolve_responsible_org(obj: ServiceItem) -> int:
        return obj.responsible_org_id

    @staticmethod
    def resolve_responsible_org_name(obj: ServiceItem) -> str:
        return obj.responsible_org.name

    @staticmethod
    def resolve_resource(obj: ServiceItem) -> int | None:
        return obj.resource_id


class AgreementOut(Schema):
    id: int
    title: str
    area: str
    party_org: int
    party_org_name: str
    unit: int
    unit_name: str
    start: dt.date
    end: dt.date
    status: AgreementStatus
    version: int
    previous: int | None
    party_confirmed_at: dt.datetime | None
    unit_confirmed_at: dt.datetime | None
    in_force_at: dt.datetime | None
    items: list[ItemOut]

    @staticmethod
    def resolve_area(obj: Agreement) -> str:
        return obj.area.code

    @staticmethod
    def resolve_party_org(obj: Agreement) -> int:
        return obj.party_org_id

    @staticmethod
    def resolve_party_org_name(obj: Agreement) -> str:
        return obj.party_org.name

    @staticmethod
    def resolve_unit(obj: Agreement) -> int:
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj: Agreement) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_previous(obj: Agreement) -> int | None:
        return obj.previous_id

    @staticmethod
    def resolve_items(obj: Agreement) -> list[ServiceItem]:
        return list(obj.items.all())


class AgreementIn(Schema):
    party_org: Id
    unit: Id
    start: Date
    end: Date
    title: str = ""
    note: str = ""


class ItemIn(Schema):
    content: str
    target_count: Int
    target_unit: str
    responsible_org: Id
    responsible_person: str
    standard: str = ""
    kind: ItemKind = ItemKind.SERVICE
    target_period: TargetPeriod = TargetPeriod.MONTH
    resource: Id | None = None


class ItemPatch(Schema):
    content: str | None = None
    standard: str | None = None
    kind: ItemKind | None = None
    target_count: Int | None = None
    target_unit: str | None = None
    target_period: TargetPeriod | None = None
    responsible_org: Id | None = None
    responsible_person: str | None = None
    resource: Id | None = None


class CellOut(Schema):
    month: str
    delivered: int  # confirmed deliveries, resources' checked-in use, confirmed needs
    target: int
    percent: int | None  # capped at 100; the rest is `surplus`
    surplus: int
    pending: int  # recorded, waiting for the community's confirmation: not in `delivered`
    status: str


class FulfilmentOut(Schema):
    item: int
    content: str
    cells: list[CellOut]


class DeliveryIn(Schema):
    date: Date
    count: Int
    beneficiaries: Int = 0
    note: str = ""


class DeliveryOut(Schema):
    id: int
    item: int
    date: dt.date
    count: int
    beneficiaries: int
    note: str
    status: DeliveryStatus
    confirm_due_at: dt.datetime | None
    decided_at: dt.datetime | None
    decision_note: str

    @staticmethod
    def resolve_item(obj: Delivery) -> int:
        return obj.item_id


class DeliveryDecisionIn(Schema):
    note: str = ""


class EndIn(Schema):
    reason: str = ""
