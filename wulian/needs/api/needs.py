"""Needs over the API: list, menu, post, claim, serve, confirm, messages, calls and ratings."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from ninja import File, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.core.bounds import Id, Pagination
from wulian.needs import rules, selectors, services
from wulian.needs.api import router
from wulian.needs.api.schemas import (
    CallOut,
    ClaimIn,
    FulfilIn,
    MenuItemOut,
    MessageIn,
    MessageOut,
    NeedDecideIn,
    NeedDetailOut,
    NeedIn,
    NeedOut,
    NeedReasonIn,
    PhotoOut,
    RatingIn,
    RatingOut,
)
from wulian.needs.models import Category, NeedCategory, Rating, State
from wulian.needs.providers import provider_context
from wulian.people.selectors import visible_people
from wulian.web.api_helpers import body_openapi, fetch, read_body, require

MAX_LIMIT = 500
# Optional at parsing, so that an unauthorized or out-of-scope caller gets 403/404 before the
# service names a missing photo (422).
PHOTOS = File(
    default=[],
    description="jpg / png / webp / gif (type read from the content), ≤5 MB and ≤40 megapixels each, ≤6 per need; re-encoded without EXIF",
)


def area_by_code(code: str | None, field: str = "area") -> Area | None:
    code = (code or "").strip()
    if not code:
        return None
    area = Area.objects.filter(code=code).first()
    if area is None:
        raise ValidationError({field: _("区划代码“%(c)s”不存在。") % {"c": code}})
    return area


@router.get("/", response=list[NeedOut], url_name="need_list", summary="需求列表")
@paginate(Pagination)
def need_list(
    request,
    q: str = "",
    state: State | None = None,
    category: Category | None = None,
    area: str | None = None,
    mine: bool = False,
):
    """Needs the caller may see (staff: their subtrees; providers: the menu and what they hold;
    residents: their own). `mine=true` keeps the caller's own needs."""
    require(request, "need.view")
    qs = selectors.my_needs(request.user) if mine else selectors.visible_needs(request.user)
    area_obj = None
    if area:
        area_obj = Area.objects.filter(code=area.strip()).first() or Area(path="-none-")
    return qs.search(q=q.strip(), state=state or "", category=category or "", area=area_obj)


@router.get(
    "/menu", response=list[MenuItemOut], url_name="need_menu", summary="需求菜单（推荐排序）"
)
def need_menu(
    request,
    provider: str | None = None,
    category: NeedCategory | None = None,
    area: str | None = None,
    skill: str = "",
):
    """Open needs the caller may claim as `provider`, best recommendation first (skill match,
    nearness grid > community > street > district, less current load)."""
    require(request, "need.claim")
    ctx = provider_context(request.user)
    chosen = ctx.find(provider) if provider else None
    if provider and chosen is None:
        raise ValidationError({"provider": _("您不能以该身份接单。")})
    area_obj = (
        (Area.objects.filter(code=area.strip()).first() or Area(path="-none-")) if area else None
    )
    items = selectors.menu_for(
        request.user, provider=chosen, category=category or "", area=area_obj, skill=skill.strip()
    )
    return [
        {
            "need": r.need,
            "score": r.score,
            "skill_matches": r.skill_matches,
            "nearness": r.nearness,
            "load": r.load,
        }
        for r in items
    ]


@router.get("/{int:pk}/", response=NeedDetailOut, url_name="need_detail", summary="需求详情")
def need_detail(request, pk: Id):
    return fetch(request, "need.view", selectors.visible_needs, pk)


@router.post(
    "/{int:pk}/photos",
    response={201: list[PhotoOut]},
    url_name="need_photo_add",
    summary="添加需求照片（multipart，字段 photos）",
)
def need_photo_add(request, pk: Id, photos: list[UploadedFile] = PHOTOS):
    """Add one or more photos (multipart field `photos`) to the caller's own need until it is
    done: jpg, png, webp or gif, each at most 5 MB, at most six in all — the checks of posting."""
    need = fetch(request, "need.add_photos", selectors.visible_needs, pk)
    return Status(201, services.add_need_photos(need=need, by=request.user, photos=photos))


@router.get(
    "/{int:pk}/photos/{int:photo_pk}",
    url_name="need_photo",
    summary="下载需求照片",
    response={200: None},
)
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
    data["area"] = area_by_code(data["area"])
    return Status(201, services.post_need(by=request.user, **data))


@router.post(
    "/{int:pk}/claim",
    response=NeedOut,
    url_name="need_claim",
    summary="接单",
    openapi_extra=body_openapi(ClaimIn),
)
def need_claim(request, pk: Id):
    need = fetch(request, "need.claim", selectors.claim_scope, pk)
    payload = read_body(request, ClaimIn)
    return services.claim_need(need=need, by=request.user, provider=payload.provider)


@router.post("/{int:pk}/start", response=NeedOut, url_name="need_start", summary="开始服务")
def need_start(request, pk: Id):
    need = fetch(request, "need.serve", selectors.visible_needs, pk)
    return services.start_service(need=need, by=request.user)


@router.post(
    "/{int:pk}/fulfil",
    response=NeedOut,
    url_name="need_fulfil",
    summary="标记完成（附服务记录）",
    openapi_extra=body_openapi(FulfilIn),
)
def need_fulfil(request, pk: Id):
    need = fetch(request, "need.serve", selectors.visible_needs, pk)
    rules.require_can(
        rules.can_serve(request.user, need), "need.serve"
    )  # 403 before the body is read
    payload = read_body(request, FulfilIn)
    return services.fulfil_need(need=need, by=request.user, note=payload.note, hours=payload.hours)


@router.post(
    "/{int:pk}/release",
    response=NeedOut,
    url_name="need_release",
    summary="退单",
    openapi_extra=body_openapi(NeedReasonIn),
)
def need_release(request, pk: Id):
    need = fetch(request, "need.serve", selectors.visible_needs, pk)
    rules.require_can(
        rules.can_serve(request.user, need), "need.serve"
    )  # 403 before the body is read
    payload = read_body(request, NeedReasonIn)
    return services.release_need(need=need, by=request.user, reason=payload.reason)


@router.post(
    "/{int:pk}/cancel",
    response=NeedOut,
    url_name="need_cancel",
    summary="取消需求",
    openapi_extra=body_openapi(NeedReasonIn),
)
def need_cancel(request, pk: Id):
    need = fetch(request, "need.cancel", selectors.visible_needs, pk)
    rules.require_can(
        rules.can_cancel(request.user, need), "need.cancel"
    )  # 403 before the body is read
    payload = read_body(request, NeedReasonIn)
    return services.cancel_need(need=need, by=request.user, reason=payload.reason)


@router.post(
    "/{int:pk}/confirm",
    response=NeedOut,
    url_name="need_confirm",
    summary="确认完成并评价",
    openapi_extra=body_openapi(RatingIn),
)
def need_confirm(request, pk: Id):
    need = fetch(request, "need.confirm", selectors.visible_needs, pk)
    rules.require_can(
        rules.can_confirm(request.user, need), "need.confirm"
    )  # 403 before the body is read
    payload = read_body(request, RatingIn)
    return services.confirm_need(
        need=need, by=request.user, score=payload.score, comment=payload.comment
    )


@router.get(
    "/{int:pk}/messages",
    response=list[MessageOut],
    url_name="need_message_list",
    summary="需求留言",
)
@paginate(Pagination)
def need_message_list(request, pk: Id):
    """The messages of a need: to the resident, the provider holding it (while in contact) and
    staff over its area; 404 to anyone else who may see the need."""
    need = fetch(request, "need.message", selectors.visible_needs, pk)
    if services.contact_side(need, request.user) is None:
        raise Http404
    return need.messages.all()


@router.post(
    "/{int:pk}/messages",
    response={201: MessageOut},
    url_name="need_message_post",
    summary="留言",
    openapi_extra=body_openapi(MessageIn),
)
def need_message_post(request, pk: Id):
    need = fetch(request, "need.message", selectors.visible_needs, pk)
    rules.require_can(
        rules.can_message(request.user, need), "need.message"
    )  # 403 before the body is read
    payload = read_body(request, MessageIn)
    return Status(201, services.post_need_message(need=need, by=request.user, body=payload.body))


@router.post("/{int:pk}/call", response=CallOut, url_name="need_call", summary="隐私号联系群众")
def need_call(request, pk: Id):
    """The provider holding the need gets a temporary virtual number that reaches the resident
    (422 with a message pointing to the messages when the number service fails)."""
    need = fetch(request, "need.serve", selectors.visible_needs, pk)
    binding = services.call_resident(need=need, by=request.user)
    return {
        "virtual_number": binding.virtual_number,
        "expires_at": binding.expires_at,
        "resident_phone": need.posted_by.phone_masked,
        "address": need.clear_address(),
    }


@router.post(
    "/{int:pk}/decide",
    response=NeedOut,
    url_name="need_decide",
    summary="社区认定（群众逾期未确认）",
    openapi_extra=body_openapi(NeedDecideIn),
)
def need_decide(request, pk: Id):
    """After the resident's confirmation deadline, staff over the need's area confirm the
    service (credited) or reject it (a note is required)."""
    need = fetch(request, "need.decide", selectors.area_needs, pk)
    payload = read_body(request, NeedDecideIn)
    return services.decide_need(
        need=need, by=request.user, accept=payload.accept, note=payload.note
    )


@router.post(
    "/{int:pk}/rate",
    response={201: RatingOut},
    url_name="need_rate",
    summary="评价（双向）",
    openapi_extra=body_openapi(RatingIn),
)
def need_rate(request, pk: Id):
    need = fetch(request, "need.view", selectors.visible_needs, pk)
    rules.require_can(
        rules.can_rate(request.user, need), "need.rate"
    )  # 403 before the body is read
    payload = read_body(request, RatingIn)
    return Status(
        201,
        services.rate_need(
            need=need, by=request.user, score=payload.score, comment=payload.comment
        ),
    )


@router.patch(
    "/ratings/{int:pk}/",
    response=RatingOut,
    url_name="need_rating_update",
    summary="修改评价（7天内）",
    openapi_extra=body_openapi(RatingIn),
)
def need_rating_update(request, pk: Id):
    require(request, "need.view")
    rating = get_in_scope_or_404(
        Rating.objects.filter(need__in=selectors.visible_needs(request.user), by=request.user),
        pk=pk,
    )
    payload = read_body(request, RatingIn)
    return services.update_rating(
        rating=rating, by=request.user, score=payload.score, comment=payload.comment
    )
