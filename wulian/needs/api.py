"""The needs menu over the API: the same selectors and services as the pages."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.core.bounds import DateTime, Hours, Id, Int, Pagination, SignedHours
from wulian.needs import selectors, services
from wulian.needs.models import (
    Category,
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
from wulian.needs.providers import provider_context
from wulian.orgs.selectors import visible_orgs
from wulian.people.selectors import visible_people
from wulian.web.api_helpers import fetch, require

# The API names its own enum (an OpenAPI component name stands for one schema only).

router = Router(tags=["needs 群众需求"])
MAX_LIMIT = 500
# Optional at parsing, so that an unauthorized or out-of-scope caller gets 403/404 before the
# service names a missing photo (422).
PHOTOS = File(default=[], description="jpg / png / webp / gif (type read from the content), ≤5 MB and ≤40 megapixels each, ≤6 per need; re-encoded without EXIF")


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
    confirm_due_at: dt.datetime | None  # the resident confirms until then; afterwards the community decides
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


def _need(request, pk: Id) -> Need:
    return get_in_scope_or_404(selectors.visible_needs(request.user), pk=pk)


def _area(code: str | None, field: str = "area") -> Area | None:
    code = (code or "").strip()
    if not code:
        return None
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise ValidationError({field: _("区划代码“%(c)s”不存在。") % {"c": code}})
    return area


@router.get("/", response=list[NeedOut], url_name="need_list", summary="需求列表")
@paginate(Pagination)
def need_list(request, q: str = "", state: State | None = None, category: Category | None = None,
              area: str | None = None, mine: bool = False):
    """Needs the caller may see (staff: their subtrees; providers: the menu and what they hold;
    residents: their own). `mine=true` keeps the caller's own needs."""
    require(request, "need.view")
    qs = selectors.my_needs(request.user) if mine else selectors.visible_needs(request.user)
    area_obj = None
    if area:
        area_obj = Area.objects.filter(code=area.strip()).first() or Area(path="-none-")
    return qs.search(q=q.strip(), state=state or "", category=category or "", area=area_obj)


@router.get("/menu", response=list[MenuItemOut], url_name="need_menu", summary="需求菜单（推荐排序）")
def need_menu(request, provider: str | None = None, category: NeedCategory | None = None, area: str | None = None,
              skill: str = ""):
    """Open needs the caller may claim as `provider`, best recommendation first (skill match,
    nearness grid > community > street > district, less current load)."""
    require(request, "need.claim")
    ctx = provider_context(request.user)
    chosen = ctx.find(provider) if provider else None
    if provider and chosen is None:
        raise ValidationError({"provider": _("您不能以该身份接单。")})
    area_obj = (Area.objects.filter(code=area.strip()).first() or Area(path="-none-")) if area else None
    items = selectors.menu_for(request.user, provider=chosen, category=category or "", area=area_obj, skill=skill.strip())
    return [{"need": r.need, "score": r.score, "skill_matches": r.skill_matches, "nearness": r.nearness,
             "load": r.load} for r in items]


@router.get("/{int:pk}/", response=NeedDetailOut, url_name="need_detail", summary="需求详情")
def need_detail(request, pk: Id):
    require(request, "need.view")
    return _need(request, pk)


@router.post("/{int:pk}/photos", response={201: list[PhotoOut]}, url_name="need_photo_add",
             summary="添加需求照片（multipart，字段 photos）")
def need_photo_add(request, pk: Id, photos: list[UploadedFile] = PHOTOS):
    """Add one or more photos (multipart field `photos`) to the caller's own need until it is
    done: jpg, png, webp or gif, each at most 5 MB, at most six in all — the checks of posting."""
    require(request, "need.add_photos")
    return Status(201, services.add_need_photos(need=_need(request, pk), by=request.user, photos=photos))


@router.get("/{int:pk}/photos/{int:photo_pk}", url_name="need_photo", summary="下载需求照片",
            response={200: None})
def need_photo(request, pk: Id, photo_pk: Id):
    """The photo's file, to those who may see the need; 404 otherwise."""
    require(request, "need.view")
    photo = get_in_scope_or_404(selectors.visible_photos(request.user), need_id=pk, pk=photo_pk)
    try:
        return FileResponse(photo.image.open("rb"))
    except FileNotFoundError:
        raise Http404 from None


@router.post("/", response={201: NeedOut}, url_name="need_post", summary="发布需求（或代办）")
def need_post(request, payload: NeedIn):
    data = payload.model_dump()
    for_person_id = data.pop("for_person")
    require(request, "need.post_on_behalf" if for_person_id else "need.post")
    if for_person_id:
        data["for_person"] = get_in_scope_or_404(visible_people(request.user), pk=for_person_id)
    data["area"] = _area(data["area"])
    return Status(201, services.post_need(by=request.user, **data))


@router.post("/{int:pk}/claim", response=NeedOut, url_name="need_claim", summary="接单")
def need_claim(request, pk: Id, payload: ClaimIn):
    need = fetch(request, "need.claim", selectors.claim_scope, pk)
    return services.claim_need(need=need, by=request.user, provider=payload.provider)


@router.post("/{int:pk}/start", response=NeedOut, url_name="need_start", summary="开始服务")
def need_start(request, pk: Id):
    require(request, "need.serve")
    return services.start_service(need=_need(request, pk), by=request.user)


@router.post("/{int:pk}/fulfil", response=NeedOut, url_name="need_fulfil", summary="标记完成（附服务记录）")
def need_fulfil(request, pk: Id, payload: FulfilIn):
    require(request, "need.serve")
    return services.fulfil_need(need=_need(request, pk), by=request.user, note=payload.note, hours=payload.hours)


@router.post("/{int:pk}/release", response=NeedOut, url_name="need_release", summary="退单")
def need_release(request, pk: Id, payload: NeedReasonIn):
    require(request, "need.serve")
    return services.release_need(need=_need(request, pk), by=request.user, reason=payload.reason)


@router.post("/{int:pk}/cancel", response=NeedOut, url_name="need_cancel", summary="取消需求")
def need_cancel(request, pk: Id, payload: NeedReasonIn):
    require(request, "need.cancel")
    return services.cancel_need(need=_need(request, pk), by=request.user, reason=payload.reason)


@router.post("/{int:pk}/confirm", response=NeedOut, url_name="need_confirm", summary="确认完成并评价")
def need_confirm(request, pk: Id, payload: RatingIn):
    require(request, "need.confirm")
    return services.confirm_need(need=_need(request, pk), by=request.user, score=payload.score,
                                 comment=payload.comment)


@router.get("/{int:pk}/messages", response=list[MessageOut], url_name="need_message_list", summary="需求留言")
@paginate(Pagination)
def need_message_list(request, pk: Id):
    """The messages of a need: to the resident, the provider holding it (while in contact) and
    staff over its area; 404 to anyone else who may see the need."""
    require(request, "need.message")
    need = _need(request, pk)
    if services.contact_side(need, request.user) is None:
        raise Http404
    return need.messages.all()


@router.post("/{int:pk}/messages", response={201: MessageOut}, url_name="need_message_post", summary="留言")
def need_message_post(request, pk: Id, payload: MessageIn):
    require(request, "need.message")
    return Status(201, services.post_need_message(need=_need(request, pk), by=request.user, body=payload.body))


@router.post("/{int:pk}/call", response=CallOut, url_name="need_call", summary="隐私号联系群众")
def need_call(request, pk: Id):
    """The provider holding the need gets a temporary virtual number that reaches the resident
    (422 with a message pointing to the messages when the number service fails)."""
    require(request, "need.serve")
    need = _need(request, pk)
    binding = services.call_resident(need=need, by=request.user)
    return {"virtual_number": binding.virtual_number, "expires_at": binding.expires_at,
            "resident_phone": need.posted_by.phone_masked, "address": need.clear_address()}


@router.post("/{int:pk}/decide", response=NeedOut, url_name="need_decide", summary="社区认定（群众逾期未确认）")
def need_decide(request, pk: Id, payload: NeedDecideIn):
    """After the resident's confirmation deadline, staff over the need's area confirm the
    service (credited) or reject it (a note is required)."""
    need = fetch(request, "need.decide", selectors.area_needs, pk)
    return services.decide_need(need=need, by=request.user, accept=payload.accept, note=payload.note)


@router.post("/{int:pk}/rate", response={201: RatingOut}, url_name="need_rate", summary="评价（双向）")
def need_rate(request, pk: Id, payload: RatingIn):
    require(request, "need.view")
    return Status(201, services.rate_need(need=_need(request, pk), by=request.user, score=payload.score,
                                          comment=payload.comment))


@router.patch("/ratings/{int:pk}/", response=RatingOut, url_name="need_rating_update", summary="修改评价（7天内）")
def need_rating_update(request, pk: Id, payload: RatingIn):
    require(request, "need.view")
    rating = get_in_scope_or_404(
        Rating.objects.filter(need__in=selectors.visible_needs(request.user), by=request.user), pk=pk
    )
    return services.update_rating(rating=rating, by=request.user, score=payload.score, comment=payload.comment)


@router.post("/registrations/", response={201: RegistrationOut}, url_name="need_register",
             summary="在职党员到社区报到")
def need_register(request, payload: RegistrationIn):
    require(request, "need.register")
    community = _area(payload.community, "community")
    if community is None:
        raise ValidationError({"community": _("请填写报到社区代码。")})
    return Status(201, services.register_in_community(by=request.user, community=community, skills=payload.skills))


@router.get("/ledger/", response=list[NeedEntryOut], url_name="need_ledger", summary="利益补偿台账")
@paginate(Pagination)
def need_ledger(request, person: Id | None = None, org: Id | None = None):
    require(request, "compensation.view")
    qs = selectors.visible_entries(request.user)
    if person is not None:
        qs = qs.filter(person=get_in_scope_or_404(visible_people(request.user), pk=person))
    if org is not None:
        qs = qs.filter(org=get_in_scope_or_404(visible_orgs(request.user), pk=org))
    return qs


@router.get("/ledger/balance", response=BalanceOut, url_name="need_ledger_balance", summary="补偿余额（条目之和）")
def need_ledger_balance(request, person: Id | None = None, org: Id | None = None):
    require(request, "compensation.view")
    qs = selectors.visible_entries(request.user)
    if person is not None:
        qs = qs.filter(person=get_in_scope_or_404(visible_people(request.user), pk=person))
    elif org is not None:
        qs = qs.filter(org=get_in_scope_or_404(visible_orgs(request.user), pk=org))
    elif request.user.person_id:
        qs = qs.filter(person_id=request.user.person_id)
    b = selectors.balance(qs)
    return {"hours": b.hours, "points": b.points, "entries": b.entries}


@router.post("/ledger/corrections/", response={201: NeedEntryOut}, url_name="need_ledger_correct", summary="补偿更正（新条目）")
def need_ledger_correct(request, payload: CorrectionIn):
    require(request, "compensation.correct")
    person = get_in_scope_or_404(visible_people(request.user), pk=payload.person) if payload.person else None
    org = get_in_scope_or_404(visible_orgs(request.user), pk=payload.org) if payload.org else None
    corrects = (get_in_scope_or_404(selectors.visible_entries(request.user), pk=payload.corrects)
                if payload.corrects else None)
    return Status(201, services.correct_compensation(
        by=request.user, reason=payload.reason, hours=payload.hours, points=payload.points, person=person,
        org=org, corrects=corrects,
    ))


