"""What the resources API takes and answers."""

import datetime as dt
from decimal import Decimal

from ninja import Schema

from wulian.core.bounds import Date, DateTime, Fee, Id, Int
from wulian.resources.models import Booking, BookingStatus, FeeUnit, Resource, ResourceKind, Terms


class HoursSchema(Schema):
    weekday: Int  # 0 = 星期一 … 6 = 星期日
    start: dt.time
    end: dt.time


class BlackoutSchema(Schema):
    date: Date
    reason: str = ""


class ResourceOut(Schema):
    id: int
    name: str
    kind: ResourceKind
    org: int
    org_name: str
    area: str
    area_name: str
    location: str
    capacity: int
    capacity_unit: str
    description: str
    requires_approval: bool
    terms: Terms
    terms_text: str
    fee_amount: Decimal | None
    fee_unit: FeeUnit
    fee_display: str  # what a resident pays: "免费", "2.00元/小时"
    per_person_day: int
    per_person_week: int
    per_household_day: int
    per_household_week: int
    is_open: bool
    opened_since: dt.datetime | None
    closed_since: dt.datetime | None
    version: int
    hours: list[HoursSchema]
    blackouts: list[BlackoutSchema]
    eligible_areas: list[str]
    eligible_orgs: list[int]

    @staticmethod
    def resolve_org(obj: Resource) -> int:
        return obj.org_id

    @staticmethod
    def resolve_org_name(obj: Resource) -> str:
        return obj.org.name

    @staticmethod
    def resolve_area(obj: Resource) -> str:
        return obj.area.code

    @staticmethod
    def resolve_area_name(obj: Resource) -> str:
        return obj.area.name

    @staticmethod
    def resolve_hours(obj: Resource) -> list[dict]:
        return obj.hours_rows

    @staticmethod
    def resolve_blackouts(obj: Resource) -> list[dict]:
        return obj.blackout_rows

    @staticmethod
    def resolve_eligible_areas(obj: Resource) -> list[str]:
        return obj.eligible_area_codes

    @staticmethod
    def resolve_eligible_orgs(obj: Resource) -> list[int]:
        return obj.eligible_org_ids


class ResourceIn(Schema):
    org: Id
    name: str
    kind: ResourceKind
    area: str  # 12-digit area code
    capacity: Int
    location: str = ""
    capacity_unit: str = ""
    description: str = ""
    requires_approval: bool = False
    terms: Terms = Terms.FREE
    terms_text: str = ""
    fee_amount: Fee | None = None
    fee_unit: FeeUnit = FeeUnit.PER_BOOKING
    per_person_day: Int = 2
    per_person_week: Int = 6
    per_household_day: Int = 4
    per_household_week: Int = 12
    hours: list[HoursSchema] = []
    blackouts: list[BlackoutSchema] = []
    eligible_areas: list[str] = []
    eligible_orgs: list[Id] = []


class ResourcePatch(Schema):
    name: str | None = None
    kind: ResourceKind | None = None
    area: str | None = None
    capacity: Int | None = None
    location: str | None = None
    capacity_unit: str | None = None
    description: str | None = None
    requires_approval: bool | None = None
    terms: Terms | None = None
    terms_text: str | None = None
    fee_amount: Fee | None = None
    fee_unit: FeeUnit | None = None
    per_person_day: Int | None = None
    per_person_week: Int | None = None
    per_household_day: Int | None = None
    per_household_week: Int | None = None
    hours: list[HoursSchema] | None = None
    blackouts: list[BlackoutSchema] | None = None
    eligible_areas: list[str] | None = None
    eligible_orgs: list[Id] | None = None


class ResourceReasonIn(Schema):
    reason: str = ""


class BookingNoteIn(Schema):
    note: str = ""


class BookingIn(Schema):
    start: DateTime  # without an offset, Chengdu time
    end: DateTime
    quantity: Int = 1
    note: str = ""
    plate: str = ""  # licence plate, required for parking (川A12345, new-energy 川AD12345)


class BookingOut(Schema):
    id: int
    resource: int
    resource_name: str
    person_name: str
    start: dt.datetime
    end: dt.datetime
    quantity: int
    status: BookingStatus
    note: str
    plate: str
    fee: Decimal | None  # quoted when booked, in yuan; null when free
    decision_note: str
    created_at: dt.datetime

    @staticmethod
    def resolve_resource(obj: Booking) -> int:
        return obj.resource_id

    @staticmethod
    def resolve_resource_name(obj: Booking) -> str:
        return obj.resource.name

    @staticmethod
    def resolve_person_name(obj: Booking) -> str:
        return obj.person.name
