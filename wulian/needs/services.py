"""Every change to needs: post, claim, start, fulfil, confirm, rate, cancel, release, expire,
flag / escalate, community registration and the compensation ledger.

Transitions follow ``models.TRANSITIONS``; each is a conditional UPDATE (``WHERE state IN
(...)``) inside one transaction, so that of two simultaneous changes exactly one wins and the
other gets a ValidationError — on SQLite and PostgreSQL alike.
"""

import datetime as dt
import logging
import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.accounts.models import User
from wulian.accounts.rules import STAFF, role_kinds
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import counters, uploads
from wulian.core.crypto import encrypt_field
from wulian.core.gateways import GatewayError, number_privacy
from wulian.core.validators import mask_address, normalize_address
from wulian.needs.models import (
    CONTACT_STATES,
    HELD_STATES,
    TRANSITIONS,
    Category,
    CommunityRegistration,
    CompensationEntry,
    MessageSide,
    Need,
    NeedMessage,
    NeedPhoto,
    NumberBinding,
    PhotoKind,
    Rating,
    Side,
    State,
    split_skills,
)
from wulian.needs.providers import Provider, forget_provider_context, provider_context
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org
from wulian.people.models import Person

logger = logging.getLogger("wulian.needs")

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
RATING_EDIT_DAYS = 7
# A need's request photos may be added until the service is done.
PHOTO_STATES = frozenset({State.POSTED, State.CLAIMED, State.IN_SERVICE})

VERB_LABELS = {
    "claim": gettext_lazy("接单"), "start": gettext_lazy("开始服务"), "fulfil": gettext_lazy("标记完成"),
    "confirm": gettext_lazy("确认完成"), "cancel": gettext_lazy("取消"), "release": gettext_lazy("退单"),
    "expire": gettext_lazy("过期"), "reject": gettext_lazy("不予认定"), "contact": gettext_lazy("联系群众"),
}


def flag_hours() -> int:
    return int(getattr(settings, "WULIAN_NEED_FLAG_HOURS", 48))


def escalate_hours() -> int:
    return int(getattr(settings, "WULIAN_NEED_ESCALATE_HOURS", 48))


def expire_days() -> int:
    return int(getattr(settings, "WULIAN_NEED_EXPIRE_DAYS", 30))


def points_per_hour() -> int:
    return int(getattr(settings, "WULIAN_NEED_POINTS_PER_HOUR", 10))


def confirm_days() -> int:
    """Days the resident has to confirm a service marked done; then the community decides."""
    return int(getattr(settings, "WULIAN_NEED_CONFIRM_DAYS", 7))


def daily_hours() -> int:
    """The most service hours one provider may record for one calendar day of a need."""
    return int(getattr(settings, "WULIAN_NEED_DAILY_HOURS", 12))


# ----------------------------------------------------------------------------------- helpers


def _need_url(need: Need) -> str:
    return reverse("needs:detail", kwargs={"pk": need.pk})


def _audit_view(need: Need) -> dict[str, Any]:
    return snapshot(need)


def _state_error(verb: str, state: str) -> ValidationError:
    if verb == "claim" and state in (State.CLAIMED, State.IN_SERVICE, State.DONE, State.CONFIRMED):
        return ValidationError({"need": _("该需求已被他人接单。")})
    if state == State.CANCELLED:
        return ValidationError({"need": _("该需求已取消，不能%(v)s。") % {"v": VERB_LABELS[verb]}})
    return ValidationError({"need": _("该需求当前状态为“%(s)s”，不能%(v)s。") % {
        "s": State(state).label, "v": VERB_LABELS[verb]}})


def _transition(need: Need, verb: str, by, *, extra: dict[str, Any] | None = None,
                condition: Q | None = None) -> dict[str, Any]:
    """Move the need along ``TRANSITIONS[verb]`` with one conditional UPDATE; refresh it.
    Call inside the service's transaction. Returns the snapshot from before."""
    from_states, to_state = TRANSITIONS[verb]
    before = _audit_view(need)
    now = timezone.now()
    qs = Need.objects.filter(pk=need.pk, state__in=list(from_states))
    if condition is not None:
        qs = qs.filter(condition)
    rows = counters.update(qs, state=to_state, updated_at=now, **(extra or {}))
    if rows != 1:
        current = Need.objects.filter(pk=need.pk).values_list("state", flat=True).first()
        raise _state_error(verb, current or need.state)
    need.refresh_from_db()
    return before


def _check_state(need: Need, verb: str) -> None:
    if need.state not in TRANSITIONS[verb][0]:
        raise _state_error(verb, need.state)


def _text(value: Any, field: str, label: str, max_length: int, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("请填写%(f)s。") % {"f": label}})
    if len(text) > max_length:
        raise ValidationError({field: _("%(f)s不能超过%(n)d个字（当前%(c)d个）。") % {
            "f": label, "n": max_length, "c": len(text)}})
    return text


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"hours": _("服务时长应为数字（小时）。")}) from None
    if hours <= 0:
        raise ValidationError({"hours": _("服务时长应大于0小时。")})
    if hours > 500:
        raise ValidationError({"hours": _("服务时长不能超过500小时。")})
    return hours


def _duration_text(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return _("不到1分钟")
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)d天") % {"n": days})
    if hours:
        parts.append(_("%(n)d小时") % {"n": hours})
    if minutes:
        parts.append(_("%(n)d分钟") % {"n": minutes})
    return "".join(parts)


def check_hours_since_claim(need: Need, hours: Decimal, now: dt.datetime) -> None:
    """Hours cannot exceed the time since the claim (rounded up to a tenth of an hour), nor
    ``daily_hours()`` for each calendar day (Asia/Shanghai) from the claim to now."""
    if need.claimed_at is None:
        return
    elapsed = max(now - need.claimed_at, dt.timedelta(0))
    by_time = Decimal(math.ceil(elapsed.total_seconds() / 360)) / 10
    days = (timezone.localtime(now).date() - timezone.localtime(need.claimed_at).date()).days + 1
    by_day = Decimal(days * daily_hours())
    claimed = f"{timezone.localtime(need.claimed_at):%m-%d %H:%M}"
    if hours > by_time and by_time <= by_day:
        raise ValidationError({"hours": _(
            "服务时长%(h)s小时超过了接单以来的时间：%(at)s接单，至今%(since)s，最多可填%(max)s小时。") % {
            "h": hours, "at": claimed, "since": _duration_text(elapsed), "max": by_time.quantize(Decimal("0.1"))}})
    if hours > by_day:
        raise ValidationError({"hours": _(
            "服务时长%(h)s小时超过了每天%(cap)d小时的上限：%(at)s接单至今共%(d)d天，最多可填%(max)s小时。") % {
            "h": hours, "cap": daily_hours(), "at": claimed, "d": days, "max": by_day.quantize(Decimal("0.1"))}})


def _score(value: Any) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"score": _("评分应为1到5的整数。")}) from None
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("评分应为1到5之间（当前%(s)d）。") % {"s": score}})
    return score


def validate_photos(photos: Sequence[UploadedFile], field: str = "photos", *, existing: int = 0) -> list[UploadedFile]:
    """At most six images (counting ``existing`` ones already attached), each at most 5 MB and
    really an image under the upload policy (``core.uploads``: type by content, pixel limit,
    re-encoded without EXIF). Returns the files as they are stored."""
    if existing + len(photos) > MAX_PHOTOS:
        if existing:
            raise ValidationError({field: _("最多上传%(n)d张照片（已有%(e)d张）。") % {"n": MAX_PHOTOS, "e": existing}})
        raise ValidationError({field: _("最多上传%(n)d张照片。") % {"n": MAX_PHOTOS}})
    return uploads.clean_uploads(photos, uploads.IMAGE, field=field, max_bytes=MAX_PHOTO_BYTES)


def _save_photos(need: Need, photos: Iterable[UploadedFile], kind: str) -> list[NeedPhoto]:
    return [NeedPhoto.objects.create(need=need, kind=kind, image=photo) for photo in photos]


def _community_of(area: Area) -> Area | None:
    if area.level == Level.COMMUNITY:
        return area
    if area.level == Level.GRID and area.parent_id:
        return Area.objects.get(pk=area.parent_id)
    return None


def _ancestors_by_level(area: Area) -> dict[str, Area]:
    return {a.level: a for a in area.ancestors(include_self=True)}


def poster_recipients(need: Need) -> list[recipients.Recipients]:
    """The resident who posted the need, and the staff member who posted it for them (代办)."""
    return [recipients.person(need.posted_by_id), recipients.agent(need.posted_on_behalf_by_id)]


def provider_recipients(need: Need) -> list[recipients.Recipients]:
    """The unit contacts of the providing unit, or the party member who claimed it."""
    return [recipients.unit_contacts_of(need.provider_org_id), recipients.person(need.provider_person_id)]


def holds_need(need: Need, by) -> bool:
    """Whether the actor acts for the provider holding the need."""
    if by is None:
        return True
    ctx = provider_context(by)
    if need.provider_org_id:
        return any(org.pk == need.provider_org_id for org in ctx.units)
    return need.provider_person_id is not None and ctx.person is not None and ctx.person.pk == need.provider_person_id


def _require_holder(need: Need, by, verb: str) -> None:
    if not holds_need(need, by):
        raise ValidationError({"need": _("只有接单方可以%(v)s。") % {"v": VERB_LABELS.get(verb, verb)}})


# ---------------------------------------------------------------------------------- posting


def post_need(*, by, title: str, category: str, description: str, area: Area | None = None,
              skills: str = "", wished_from: dt.datetime | None = None,
              wished_until: dt.datetime | None = None, photos: Sequence[UploadedFile] = (),
              for_person: Person | None = None, address: str = "") -> Need:
    """A resident posts a need for their home community or a grid in it; community staff may
    post on a resident's behalf (代办), recorded as such."""
    if for_person is not None:
        require(by, "need.post_on_behalf")
        require_area(by, for_person.home_area.path)
        person, on_behalf = for_person, by
    else:
        require(by, "need.post")
        person = Person.objects.select_related("home_area").filter(pk=getattr(by, "person_id", None)).first()
        on_behalf = None
        if person is None:
            raise ValidationError({"posted_by": _("您的账号未关联居民信息，不能发布需求。")})
    title = _text(title, "title", _("标题"), 60)
    description = _text(description, "description", _("需求描述"), 2000)
    skills = ",".join(split_skills(_text(skills, "skills", _("所需技能"), 200, required=False)))
    if category not in Category.values:
        raise ValidationError({"category": _("请选择需求类别。")})
    area = area or person.home_area
    community = _community_of(area)
    if community is None:
        raise ValidationError({"area": _("需求所在区域应为社区或网格（当前为%(l)s）。") % {"l": area.get_level_display()}})
    home_community = _community_of(person.home_area)
    if home_community is None or home_community.pk != community.pk:
        raise ValidationError({"area": _("只能在需求人居住的社区（%(c)s）或其网格发布需求。") % {
            "c": home_community or person.home_area}})
    if by is not None and for_person is not None:
        require_area(by, area.path)
    now = timezone.now()
    if wished_until is not None:
        if wished_until <= now:
            raise ValidationError({"wished_until": _("期望结束时间应晚于现在。")})
        if wished_from is not None and wished_until <= wished_from:
            raise ValidationError({"wished_until": _("期望结束时间应晚于期望开始时间。")})
    photos = validate_photos(photos)
    # Where the service is given (上门): as typed, else the resident's home address.
    address = normalize_address(_text(address, "address", _("服务地址"), 100, required=False)) or person.clear_address()
    levels = _ancestors_by_level(area)
    with transaction.atomic():
        need = Need.objects.create(
            title=title, category=category, description=description, skills=skills, area=area,
            community=community, street=levels[Level.STREET], district=levels[Level.DISTRICT],
            wished_from=wished_from, wished_until=wished_until, posted_by=person,
            posted_on_behalf_by=on_behalf, state=State.POSTED, listed_at=now,
            address_encrypted=encrypt_field(address) if address else "",
            address_masked=mask_address(address) if address else "",
        )
        counters.created(need)
        _save_photos(need, photos, PhotoKind.REQUEST)
        record(actor=by, action="need.post", obj=need, after=_audit_view(need))
        _notify_nearby(need)
    return need


def add_need_photos(*, need: Need, by, photos: Sequence[UploadedFile]) -> list[NeedPhoto]:
    """The resident (or the staff who speak for them, as for cancelling) adds photos to a need
    that is not yet served: the same checks as when posting, at most six in all."""
    require(by, "need.add_photos")
    if not _speaks_for_poster(by, need):
        raise ValidationError({"need": _("只能为自己发布的需求添加照片。")})
    if need.state not in PHOTO_STATES:
        raise ValidationError({"need": _("该需求当前状态为“%(s)s”，不能再添加照片。") % {"s": State(need.state).label}})
    if not photos:
        raise ValidationError({"photos": _("请选择要上传的照片。")})
    photos = validate_photos(photos)  # decoded and re-encoded before the lock is taken
    with transaction.atomic():
        # Lock the need so that two uploads at once cannot pass the count together.
        Need.objects.select_for_update().filter(pk=need.pk).first()
        photos = validate_photos(photos, existing=need.photos.filter(kind=PhotoKind.REQUEST).count())
        saved = _save_photos(need, photos, PhotoKind.REQUEST)
        record(actor=by, action="need.add_photos", obj=need, after={"photos": [p.pk for p in saved]})
    return saved


def _notify_nearby(need: Need) -> None:
    """A new need near me matching my skills: party members registered in the community
    whose skills meet the need's."""
    wanted = set(need.skill_list)
    if not wanted:
        return
    members = []
    for reg in CommunityRegistration.objects.active().filter(community_id=need.community_id).select_related("person"):
        offered = set(split_skills(reg.skills)) | set(reg.person.skill_list)
        if offered & wanted and reg.person_id != need.posted_by_id:
            members.append(reg.person_id)
    if not members:
        return
    notify(kind="need.nearby", to=[recipients.person(*members)], title=_("附近有新的群众需求：%(t)s") % {"t": need.title},
           body=_("所需技能：%(s)s") % {"s": need.skills}, url=_need_url(need))


# --------------------------------------------------------------------------------- claiming


def claim_need(*, need: Need, by, provider: str | None = None) -> Need:
    """First come, first served: exactly one provider holds a need. ``provider`` chooses how the
    user claims ("org:<id>" for a unit, "person:<id>" as a registered party member); by default
    the only one that may."""
    require(by, "need.claim")
    if by is not None and by.person_id and by.person_id == need.posted_by_id:
        raise ValidationError({"need": _("不能认领自己发布的需求。")})
    ctx = provider_context(by)
    if provider:
        chosen: Provider | None = ctx.find(provider)
        if chosen is None:
            raise ValidationError({"provider": _("您不能以该身份接单。")})
        if not ctx.may_provide(chosen, need):
            raise ValidationError({"provider": _("“%(p)s”不在该需求的服务范围内。") % {"p": chosen.label}})
    else:
        eligible = [p for p in ctx.providers if ctx.may_provide(p, need)]
        if not eligible:
            raise ValidationError({"need": _("该需求不在您的服务范围内。")})
        chosen = eligible[0]
    _check_state(need, "claim")
    now = timezone.now()
    with transaction.atomic():
        before = _transition(need, "claim", by, extra={
            "provider_org": chosen.org, "provider_person": chosen.person, "claimed_by_user": by,
            "claimed_at": now,
        })
        record(actor=by, action="need.claim", obj=need, before=before, after=_audit_view(need))
        notify(kind="need.claimed", to=poster_recipients(need),
               title=_("您的需求“%(t)s”已被接单") % {"t": need.title},
               body=_("接单方：%(p)s") % {"p": need.provider_name}, url=_need_url(need))
    return need


def start_service(*, need: Need, by) -> Need:
    require(by, "need.serve")
    _require_holder(need, by, "start")
    _check_state(need, "start")
    with transaction.atomic():
        before = _transition(need, "start", by, extra={"started_at": timezone.now()})
        record(actor=by, action="need.start", obj=need, before=before, after=_audit_view(need))
    return need


def fulfil_need(*, need: Need, by, note: str, hours: Any, photos: Sequence[UploadedFile] = ()) -> Need:
    """The provider records the service as done, with evidence: a note, hours and photos."""
    require(by, "need.serve")
    _require_holder(need, by, "fulfil")
    _check_state(need, "fulfil")
    note = _text(note, "note", _("服务记录"), 2000)
    hours = _hours(hours)
    now = timezone.now()
    check_hours_since_claim(need, hours, now)
    photos = validate_photos(photos)
    with transaction.atomic():
        # The claim time is part of the condition: a release and a new claim meanwhile would
        # make the hours checked above meaningless.
        before = _transition(need, "fulfil", by, extra={
            "done_at": now, "evidence_note": note, "hours_spent": hours,
            "confirm_due_at": now + dt.timedelta(days=confirm_days()),
        }, condition=Q(claimed_at=need.claimed_at))
        _save_photos(need, photos, PhotoKind.EVIDENCE)
        record(actor=by, action="need.fulfil", obj=need, before=before, after=_audit_view(need))
        notify(kind="need.done", to=poster_recipients(need),
               title=_("您的需求“%(t)s”已服务完成，请确认并评价") % {"t": need.title},
               body=note[:200], url=_need_url(need))
    return need


def release_need(*, need: Need, by, reason: str) -> Need:
    """The provider gives the need back: it returns to the menu, the reason recorded."""
    require(by, "need.serve")
    _require_holder(need, by, "release")
    _check_state(need, "release")
    reason = _text(reason, "reason", _("退单原因"), 200)
    now = timezone.now()
    with transaction.atomic():
        before = _transition(need, "release", by, extra={
            "provider_org": None, "provider_person": None, "claimed_by_user": None, "claimed_at": None,
            "started_at": None, "released_at": now, "release_reason": reason, "listed_at": now,
            "release_count": need.release_count + 1,
        })
        _release_contact(need)
        record(actor=by, action="need.release", obj=need, before=before, after=_audit_view(need))
        notify(kind="need.released", to=poster_recipients(need),
               title=_("您的需求“%(t)s”已退回需求菜单") % {"t": need.title},
               body=_("退单原因：%(r)s") % {"r": reason}, url=_need_url(need))
    return need


def cancel_need(*, need: Need, by, reason: str = "") -> Need:
    """The resident (or the staff who posted it for them) withdraws the need."""
    require(by, "need.cancel")
    if not _speaks_for_poster(by, need):
        raise ValidationError({"need": _("只能取消自己发布的需求。")})
    _check_state(need, "cancel")
    reason = _text(reason, "reason", _("取消原因"), 200, required=False)
    providers = provider_recipients(need)
    with transaction.atomic():
        before = _transition(need, "cancel", by, extra={"cancelled_at": timezone.now(), "cancel_reason": reason})
        _release_contact(need)
        record(actor=by, action="need.cancel", obj=need, before=before, after=_audit_view(need))
        notify(kind="need.cancelled", to=providers,
               title=_("需求“%(t)s”已被群众取消") % {"t": need.title}, body=reason, url=_need_url(need))
    return need


def _speaks_for_poster(by, need: Need) -> bool:
    """The resident who posted the need, the staff who posted it for them (代办), or staff whose
    area covers it: those who may withdraw the need or add photos to it."""
    if by is None:
        return True
    own = bool(by.person_id) and by.person_id == need.posted_by_id
    return own or need.posted_on_behalf_by_id == by.pk or (bool(role_kinds(by) & STAFF) and _covers(by, need))


def _covers(by, need: Need) -> bool:
    from wulian.accounts.selectors import scope_for

    return scope_for(by).covers_path(need.area.path)


# ------------------------------------------------------------------------ confirm and rating


def confirm_need(*, need: Need, by, score: Any, comment: str = "") -> Need:
    """The resident confirms the service and rates it; the provider is credited in the ledger."""
    require(by, "need.confirm")
    if by is not None and by.person_id != need.posted_by_id:
        raise ValidationError({"need": _("只能确认自己发布的需求。")})
    _check_state(need, "confirm")
    score = _score(score)
    comment = _text(comment, "comment", _("评语"), 500, required=False)
    with transaction.atomic():
        before = _transition(need, "confirm", by, extra={"confirmed_at": timezone.now()})
        _release_contact(need)
        rating = Rating.objects.create(need=need, side=Side.RESIDENT, score=score, comment=comment, by=by)
        counters.created(rating)
        entry = _credit(need, by)
        record(actor=by, action="need.confirm", obj=need, before=before, after={
            **_audit_view(need), "rating": snapshot(rating), "compensation": snapshot(entry) if entry else None,
        })
        notify(kind="need.rated", to=provider_recipients(need),
               title=_("群众已确认“%(t)s”并评价：%(s)d星") % {"t": need.title, "s": score},
               body=comment, url=_need_url(need))
    return need


def _credit(need: Need, by) -> CompensationEntry | None:
    """利益补偿: the confirmed hours and points, to the person who served and to their unit."""
    hours = need.hours_spent or Decimal("0")
    points = int((hours * points_per_hour()).to_integral_value(rounding=ROUND_HALF_UP))
    person = need.provider_person
    if person is None and need.claimed_by_user_id:
        person = Person.objects.filter(user__pk=need.claimed_by_user_id).first()
    org = need.provider_org
    if org is None and person is not None and person.party_org_id:
        org = person.party_org
    if person is None and org is None:
        return None
    return CompensationEntry.objects.create(
        person=person, org=org, need=need, hours=hours, points=points,
        reason=_("服务群众需求：%(t)s") % {"t": need.title[:60]},
        created_by=by,
    )


def decide_need(*, need: Need, by, accept: bool, note: str = "") -> Need:
    """After the resident's confirmation deadline, the community's staff decide: confirm the
    service (the provider is credited as on the resident's confirmation) or reject it (nothing is
    credited). Before the deadline only the resident confirms."""
    require(by, "need.decide")
    if by is not None:
        require_area(by, need.area.path)
    _check_state(need, "confirm" if accept else "reject")
    now = timezone.now()
    if need.confirm_due_at is None or need.confirm_due_at > now:
        due = f"{timezone.localtime(need.confirm_due_at):%Y-%m-%d %H:%M}" if need.confirm_due_at else "—"
        raise ValidationError({"need": _("群众确认期限至%(d)s，期限届满前由群众确认。") % {"d": due}})
    note = _text(note, "note", _("认定意见"), 200, required=not accept)
    with transaction.atomic():
        before = _transition(need, "confirm" if accept else "reject", by, extra={
            "confirmed_at": now if accept else None, "decided_by": by, "decision_note": note,
        }, condition=Q(confirm_due_at__lte=now))
        _release_contact(need)
        entry = _credit(need, by) if accept else None
        record(actor=by, action="need.decide", obj=need, before=before, after={
            **_audit_view(need), "compensation": snapshot(entry) if entry else None,
        })
        if accept:
            title = _("社区已认定“%(t)s”服务完成") % {"t": need.title}
        else:
            title = _("社区未予认定“%(t)s”的服务") % {"t": need.title}
        notify(kind="need.decided", to=provider_recipients(need) + poster_recipients(need), title=title,
               body=note, url=_need_url(need))
    return need


def flag_unconfirmed_needs(*, now: dt.datetime | None = None, by=None) -> int:
    """Services done whose resident did not confirm by the deadline: the community's staff are
    told once (a conditional UPDATE on the empty timestamp), so they decide."""
    now = now or timezone.now()
    due = Need.objects.filter(state=State.DONE, confirm_flagged_at__isnull=True,
                              confirm_due_at__lte=now).values_list("pk", flat=True)
    flagged = 0
    for pk in list(due):
        with transaction.atomic():
            if counters.update(Need.objects.filter(pk=pk, state=State.DONE, confirm_flagged_at__isnull=True), confirm_flagged_at=now) != 1:
                continue
            need = Need.objects.get(pk=pk)
            record(actor=by, action="need.confirm_overdue", obj=need, after={"confirm_flagged_at": now})
            notify(kind="need.confirm_overdue",
                   to=[recipients.area_staff(need.community_id)],
                   title=_("“%(t)s”已完成%(d)d天，群众未确认，请社区认定") % {"t": need.title, "d": confirm_days()},
                   url=_need_url(need))
            flagged += 1
    return flagged


def rate_need(*, need: Need, by, score: Any, comment: str = "") -> Rating:
    """双向评价: the provider rates the request (or the resident, if not rated on confirmation).
    One rating per side per need."""
    require(by, "need.view")
    if by is not None and by.person_id and by.person_id == need.posted_by_id:
        side, verb_ok = Side.RESIDENT, need.state == State.CONFIRMED
    elif holds_need(need, by) and (need.provider_org_id or need.provider_person_id):
        side, verb_ok = Side.PROVIDER, need.state in (State.DONE, State.CONFIRMED)
    else:
        raise ValidationError({"need": _("不能评价他人的需求。")})
    if not verb_ok:
        raise ValidationError({"need": _("该需求当前状态为“%(s)s”，还不能评价。") % {"s": need.get_state_display()}})
    score = _score(score)
    comment = _text(comment, "comment", _("评语"), 500, required=False)
    if Rating.objects.filter(need=need, side=side).exists():
        raise ValidationError({"need": _("您已评价过该需求，不能重复评价。")})
    try:
        with transaction.atomic():
            rating = Rating.objects.create(need=need, side=side, score=score, comment=comment, by=by)
            counters.created(rating)
            record(actor=by, action="need.rate", obj=rating, after=snapshot(rating))
            other = poster_recipients(need) if side == Side.PROVIDER else provider_recipients(need)
            notify(kind="need.rated", to=other,
                   title=_("“%(t)s”收到评价：%(s)d星") % {"t": need.title, "s": score},
                   body=comment, url=_need_url(need))
    except IntegrityError:
        raise ValidationError({"need": _("您已评价过该需求，不能重复评价。")}) from None
    return rating


def update_rating(*, rating: Rating, by, score: Any, comment: str = "") -> Rating:
    """A rating may be changed by its author within 7 days, never after."""
    require(by, "need.view")
    if by is not None and rating.by_id != by.pk:
        raise ValidationError({"rating": _("只能修改自己的评价。")})
    if timezone.now() - rating.created_at > dt.timedelta(days=RATING_EDIT_DAYS):
        raise ValidationError({"rating": _("评价已超过%(d)d天，不能再修改。") % {"d": RATING_EDIT_DAYS}})
    score = _score(score)
    comment = _text(comment, "comment", _("评语"), 500, required=False)
    with transaction.atomic():
        before = snapshot(rating)
        rating.score, rating.comment = score, comment
        with counters.tracking(rating):
            rating.save(update_fields=["score", "comment", "updated_at"])
        record(actor=by, action="need.rating_update", obj=rating, before=before, after=snapshot(rating))
    return rating


# ------------------------------------------------------------------ contact while the need is held


def number_privacy_hours() -> int:
    return int(getattr(settings, "WULIAN_NUMBER_PRIVACY_HOURS", 24))


def contact_side(need: Need, by) -> str | None:
    """How the user takes part in the need's contact (messages, the privacy number), or None:
    the resident (or the staff who posted for them), the provider while holding the need, or
    staff over the need's area. (Writing, the number and the address need the contact states.)"""
    if by is None:
        return MessageSide.STAFF
    if (by.person_id and by.person_id == need.posted_by_id) or need.posted_on_behalf_by_id == by.pk:
        return MessageSide.RESIDENT
    if need.state in HELD_STATES and (need.provider_org_id or need.provider_person_id) and holds_need(need, by):
        return MessageSide.PROVIDER
    if role_kinds(by) & STAFF and _covers(by, need):
        return MessageSide.STAFF
    return None


def post_need_message(*, need: Need, by, body: str) -> NeedMessage:
    """A message on the need between the resident and the provider (area staff may write too),
    from the claim until the need is confirmed, released or cancelled."""
    require(by, "need.message")
    side = contact_side(need, by)
    if side is None:
        raise ValidationError({"need": _("只有需求人、接单方和社区工作人员可以在此留言。")})
    if need.state not in CONTACT_STATES:
        raise ValidationError({"need": _("需求被接单后、确认前可以留言（当前：%(s)s）。") % {"s": need.get_state_display()}})
    body = _text(body, "body", _("留言"), 500)
    with transaction.atomic():
        message = NeedMessage.objects.create(need=need, author=by, side=side, body=body)
        # The audit entry names the act, not the words (they may hold personal details).
        record(actor=by, action="need.message", obj=need, after={"message": message.pk, "side": side})
        to = poster_recipients(need) if side != MessageSide.RESIDENT else []
        if side != MessageSide.PROVIDER:
            to += provider_recipients(need)
        author = {getattr(by, "pk", None)}
        notify(kind="need.message", to=[recipients.Recipients(r.audience, r.user_ids - author) for r in to],
               title=_("“%(t)s”有新留言") % {"t": need.title}, body=body[:100], url=_need_url(need))
    return message


def call_resident(*, need: Need, by) -> NumberBinding:
    """The provider holding the need gets a virtual number (隐私号) that reaches the resident, and
    that the resident may call back, without either seeing the other's number. The binding lasts
    ``WULIAN_NUMBER_PRIVACY_HOURS`` (24) and is reused meanwhile; it is released when the need is
    confirmed, released or cancelled. If the service fails, the refusal says so and points to
    the messages."""
    require(by, "need.serve")
    _require_holder(need, by, "contact")
    if need.state not in CONTACT_STATES:
        raise ValidationError({"need": _("需求当前状态为“%(s)s”，不能再联系群众。") % {"s": need.get_state_display()}})
    now = timezone.now()
    if by is not None:
        current = need.number_bindings.filter(user=by, released_at__isnull=True, expires_at__gt=now).first()
        if current is not None:
            return current
    provider_phone = ""
    if by is not None and by.person_id:
        provider_phone = Person.objects.get(pk=by.person_id).clear_phone()
    elif need.provider_org_id:
        provider_phone = (need.provider_org.contact_phone or "").strip()
    if not provider_phone:
        raise ValidationError({"need": _("您的账号未登记手机号，不能使用隐私号通话；请在下方留言联系群众。")})
    expires_at = now + dt.timedelta(hours=number_privacy_hours())
    try:
        binding = number_privacy.bind(a=need.posted_by.clear_phone(), b=provider_phone, expires_at=expires_at,
                                      reference=f"need-{need.pk}-user-{getattr(by, 'pk', 0)}")
    except GatewayError as exc:
        logger.warning("number privacy bind failed for need %s: %s (%s)", need.pk, exc.code, exc)
        raise ValidationError({"need": _("隐私号服务暂时不可用，未能获取通话号码；请稍后再试，或在下方留言联系群众。")}) from None
    with transaction.atomic():
        row = NumberBinding.objects.create(need=need, user=by, virtual_number=binding.virtual_number,
                                           binding_id=binding.binding_id, expires_at=binding.expires_at)
        record(actor=by, action="need.call", obj=need, after={"binding": row.pk, "expires_at": row.expires_at})
    return row


def _release_contact(need: Need) -> None:
    """Inside the transaction that takes the need out of contact: mark its bindings released and
    unbind them at the service once the change commits (a failure is logged, the number expires
    by itself)."""
    now = timezone.now()
    active = list(need.number_bindings.filter(released_at__isnull=True).values_list("pk", "binding_id",
                                                                                      "virtual_number"))
    if not active:
        return
    NumberBinding.objects.filter(pk__in=[pk for pk, _b, _n in active]).update(released_at=now)

    def _unbind() -> None:
        for _pk, binding_id, number in active:
            try:
                number_privacy.unbind(binding_id=binding_id, virtual_number=number)
            except GatewayError as exc:
                logger.warning("number privacy unbind failed for need %s: %s", need.pk, exc.code)

    transaction.on_commit(_unbind)


# ------------------------------------------------------------------ expiry and escalation (jobs)


def expire_needs(*, now: dt.datetime | None = None, by=None) -> int:
    """Needs still on the menu past their wished end, or listed longer than the expiry period."""
    now = now or timezone.now()
    stale = Need.objects.filter(state=State.POSTED).filter(
        Q(wished_until__lt=now) | Q(listed_at__lt=now - dt.timedelta(days=expire_days()))
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(stale):
        need = Need.objects.get(pk=pk)
        try:
            with transaction.atomic():
                before = _transition(need, "expire", by, extra={"expired_at": now})
                record(actor=by, action="need.expire", obj=need, before=before, after=_audit_view(need))
                notify(kind="need.expired", to=poster_recipients(need),
                       title=_("您的需求“%(t)s”已过期") % {"t": need.title}, url=_need_url(need))
        except ValidationError:
            continue  # claimed or cancelled meanwhile
        count += 1
    return count


def flag_stale_needs(*, now: dt.datetime | None = None, by=None) -> tuple[int, int]:
    """Unclaimed past WULIAN_NEED_FLAG_HOURS: flag to the community's staff; still unclaimed
    WULIAN_NEED_ESCALATE_HOURS after that: escalate to the street. Each happens once per need
    (a conditional UPDATE on the empty timestamp). Returns (flagged, escalated)."""
    now = now or timezone.now()
    flagged = escalated = 0
    to_flag = Need.objects.filter(
        state=State.POSTED, flagged_at__isnull=True, listed_at__lte=now - dt.timedelta(hours=flag_hours())
    ).values_list("pk", flat=True)
    for pk in list(to_flag):
        with transaction.atomic():
            if counters.update(Need.objects.filter(pk=pk, state=State.POSTED, flagged_at__isnull=True), flagged_at=now) != 1:
                continue
            need = Need.objects.get(pk=pk)
            record(actor=by, action="need.flag", obj=need, after={"flagged_at": now})
            notify(kind="need.flagged", to=[recipients.area_staff(need.community_id)],
                   title=_("需求“%(t)s”超过%(h)d小时无人接单") % {"t": need.title, "h": flag_hours()},
                   url=_need_url(need))
            flagged += 1
    to_escalate = Need.objects.filter(
        state=State.POSTED, escalated_at__isnull=True, flagged_at__lte=now - dt.timedelta(hours=escalate_hours())
    ).values_list("pk", flat=True)
    for pk in list(to_escalate):
        with transaction.atomic():
            if counters.update(Need.objects.filter(pk=pk, state=State.POSTED, escalated_at__isnull=True), escalated_at=now) != 1:
                continue
            need = Need.objects.get(pk=pk)
            record(actor=by, action="need.escalate", obj=need, after={"escalated_at": now})
            notify(kind="need.escalated", to=[recipients.area_staff(need.street_id)],
                   title=_("需求“%(t)s”长时间无人接单，已上报街道") % {"t": need.title},
                   body=_("社区：%(c)s") % {"c": need.community}, url=_need_url(need))
            escalated += 1
    return flagged, escalated


# ------------------------------------------------------------------- community registration


def register_in_community(*, by, community: Area, skills: str = "") -> CommunityRegistration:
    """在职党员到社区报到: a party member registers to serve the community where they live."""
    require(by, "need.register")
    person = Person.objects.select_related("home_area").filter(pk=getattr(by, "person_id", None)).first()
    if person is None or not person.is_party_member:
        raise ValidationError({"person": _("只有党员可以到社区报到。")})
    if community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("请选择一个社区（“%(a)s”是%(l)s）。") % {
            "a": community, "l": community.get_level_display()}})
    home = _community_of(person.home_area)
    if home is None or home.pk != community.pk:
        raise ValidationError({"community": _("应到居住地所在社区（%(c)s）报到。") % {"c": home or person.home_area}})
    skills = ",".join(split_skills(_text(skills, "skills", _("服务专长"), 200, required=False)))
    if CommunityRegistration.objects.active().filter(person=person, community=community).exists():
        raise ValidationError({"community": _("您已在%(c)s报到。") % {"c": community}})
    try:
        with transaction.atomic():
            reg = CommunityRegistration.objects.create(person=person, community=community, skills=skills)
            record(actor=by, action="need.register", obj=reg, after=snapshot(reg))
    except IntegrityError:
        raise ValidationError({"community": _("您已在%(c)s报到。") % {"c": community}}) from None
    forget_provider_context(by)
    return reg


def end_registration(*, registration: CommunityRegistration, by) -> CommunityRegistration:
    require(by, "need.register")
    if by is not None and registration.person_id != by.person_id:
        raise PermissionDenied("need.register")
    with transaction.atomic():
        rows = CommunityRegistration.objects.filter(pk=registration.pk, active=True).update(
            active=False, ended_at=timezone.now()
        )
        if rows != 1:
            raise ValidationError({"registration": _("该报到已结束。")})
        registration.refresh_from_db()
        record(actor=by, action="need.unregister", obj=registration, after=snapshot(registration))
    forget_provider_context(by)
    return registration


# ------------------------------------------------------------------------ compensation ledger


def correct_compensation(*, by, reason: str, hours: Any = 0, points: Any = 0, person: Person | None = None,
                         org: Org | None = None, corrects: CompensationEntry | None = None) -> CompensationEntry:
    """A correction is a new entry (negative or positive); entries are never changed."""
    require(by, "compensation.correct")
    reason = _text(reason, "reason", _("更正事由"), 200)
    if corrects is not None:
        person, org = person or corrects.person, org or corrects.org
    if person is None and org is None:
        raise ValidationError({"person": _("请选择补偿的人员或单位。")})
    if by is not None:
        paths = [p.home_area.path for p in [person] if p is not None] + [o.area.path for o in [org] if o is not None]
        for path in paths:
            require_area(by, path)
    try:
        hours_value = Decimal(str(hours or 0)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError({"hours": _("服务时长应为数字（小时）。")}) from None
    try:
        points_value = int(points or 0)
    except (TypeError, ValueError):
        raise ValidationError({"points": _("积分应为整数。")}) from None
    if hours_value == 0 and points_value == 0:
        raise ValidationError({"points": _("更正的时长和积分不能都为0。")})
    with transaction.atomic():
        entry = CompensationEntry.objects.create(
            person=person, org=org, need=corrects.need if corrects else None, hours=hours_value,
            points=points_value, reason=reason, corrects=corrects, created_by=by,
        )
        record(actor=by, action="compensation.correct", obj=entry, after=snapshot(entry))
    return entry


__all__ = [
    "User", "cancel_need", "claim_need", "confirm_need", "correct_compensation", "decide_need",
    "end_registration", "expire_needs", "flag_stale_needs", "flag_unconfirmed_needs", "fulfil_need", "post_need", "rate_need", "register_in_community",
    "release_need", "start_service", "update_rating",
]
