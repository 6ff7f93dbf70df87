"""What the needs API takes and answers. The API names its own enums (an OpenAPI component name
stands for one schema only)."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from ninja import Schema

from wulian.core.bounds import DateTime, Hours, Id, Int, SignedHours
from wulian.needs.models import (
    CompensationEntry,
    MessageSide,
    Need,
    NeedCategory,
    NeedPhoto,
    PhotoKind,
    Rating,
    Side,
    State,
)


class NeedOut(Schema):
    id: int
    title: str
    category: NeedCategory
    description: str
    skills: str
    state: State
    area: str
    community: str
    community_name: str
    posted_by: str
    posted_on_behalf: bool
    provider_org: int | None
    provider_person: int | None
    provider_name: str
    wished_from: dt.datetime | None
    wished_until: dt.datetime | None
    listed_at: dt.datetime
    claimed_at: dt.datetime | None
    started_at: dt.datetime | None
    done_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    flagged_at: dt.datetime | None
    escalated_at: dt.datetime | None
    release_reason: str
    release_count: int
    evidence_note: str
    hours_spent: Decimal | None
    confirm_due_at: (
        dt.datetime | None
    )  # the resident confirms until then; afterwards the community decides
    confirm_flagged_at: dt.datetime | None
    decision_note: str

    @staticmethod
    def resolve_area(obj: Need) -> str:
        return obj.area.code

    @staticmethod
    def resolve_community(obj: Need) -> str:
        return obj.community.code

    @staticmethod
    def resolve_community_name(obj: Need) -> str:
        return obj.community.name

    @staticmethod
    def resolve_posted_by(obj: Need) -> str:
        return obj.posted_by.name

    @staticmethod
    def resolve_posted_on_behalf(obj: Need) -> bool:
        return obj.posted_on_behalf_by_id is not None

    @staticmethod
    def resolve_provider_org(obj: Need) -> int | None:
        return obj.provider_org_id

    @staticmethod
    def resolve_provider_person(obj: Need) -> int | None:
        return obj.provider_person_id


class PhotoOut(Schema):
    id: int
    kind: PhotoKind
    url: str  # download over the API, with the same token: GET /api/v1/needs/{id}/photos/{photo_id}
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_url(obj: NeedPhoto) -> str:
        return reverse("api:need_photo", kwargs={"pk": obj.need_id, "photo_pk": obj.pk})


class NeedDetailOut(NeedOut):
    photos: list[PhotoOut]

    @staticmethod
    def resolve_photos(obj: Need) -> list[NeedPhoto]:
        return list(obj.photos.all())


class MenuItemOut(Schema):
    need: NeedOut
    score: int
    skill_matches: list[str]
    nearness: str
    load: int


class NeedIn(Schema):
    title: str
    category: NeedCategory
    description: str
    skills: str = ""
    address: str = ""  # where the service is given (上门); default: the resident's home address
    area: str | None = None  # community or grid code; default: the resident's home
    wished_from: DateTime | None = None
    wished_until: DateTime | None = None
    for_person: Id | None = None  # 代办: staff post for this resident


class ClaimIn(Schema):
    provider: str | None = None  # "org:<id>" or "person:<id>"; default: the only one that may


class FulfilIn(Schema):
    note: str
    hours: Hours


class MessageIn(Schema):
    body: str


class MessageOut(Schema):
    id: int
    side: MessageSide
    body: str
    created_at: dt.datetime


class CallOut(Schema):
    virtual_number: str  # dial this (tel:) to reach the resident; the resident may call it back
    expires_at: dt.datetime
    resident_phone: str  # masked
    address: str  # where the service is given (上门)


class NeedDecideIn(Schema):
    accept: bool
    note: str = ""


class NeedReasonIn(Schema):
    reason: str = ""


class RatingIn(Schema):
    score: Int
    comment: str = ""


class RatingOut(Schema):
    id: int
    need: int
    side: Side
    score: int
    comment: str
    created_at: dt.datetime

    @staticmethod
    def resolve_need(obj: Rating) -> int:
        return obj.need_id


class RegistrationIn(Schema):
    community: str
    skills: str = ""


class RegistrationOut(Schema):
    id: int
    person: int
    community: str
    skills: str
    active: bool
    registered_at: dt.datetime

    @staticmethod
    def resolve_person(obj) -> int:
        return obj.person_id

    @staticmethod
    def resolve_community(obj) -> str:
        return obj.community.code


class NeedEntryOut(Schema):
    id: int
    person: int | None
    org: int | None
    need: int | None
    hours: Decimal
    points: int
    reason: str
    corrects: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_person(obj: CompensationEntry) -> int | None:
        return obj.person_id

    @staticmethod
    def resolve_org(obj: CompensationEntry) -> int | None:
        return obj.org_id

    @staticmethod
    def resolve_need(obj: CompensationEntry) -> int | None:
        return obj.need_id

    @staticmethod
    def resolve_corrects(obj: CompensationEntry) -> int | None:
        return obj.corrects_id


class BalanceOut(Schema):
    hours: Decimal
    points: int
    entries: int


class CorrectionIn(Schema):
    reason: str
    hours: SignedHours = Decimal("0")
    points: Int = 0
    person: Id | None = None
    org: Id | None = None
    corrects: Id | None = None
