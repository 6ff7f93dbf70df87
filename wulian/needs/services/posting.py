"""Posting a need (and its photos) and telling the providers nearby."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record
from wulian.core import counters
from wulian.core.crypto import encrypt_field
from wulian.core.validators import mask_address, normalize_address
from wulian.needs.models import (
    Category,
    CommunityRegistration,
    Need,
    NeedPhoto,
    PhotoKind,
    State,
    split_skills,
)
from wulian.needs.services._common import (
    PHOTO_STATES,
    _ancestors_by_level,
    _audit_view,
    _community_of,
    _need_url,
    _save_photos,
    _speaks_for_poster,
    _text,
    validate_photos,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.people.models import Person


def post_need(
    *,
    by: User | None,
    title: str,
    category: str,
    description: str,
    area: Area | None = None,
    skills: str = "",
    wished_from: dt.datetime | None = None,
    wished_until: dt.datetime | None = None,
    photos: Sequence[UploadedFile] = (),
    for_person: Person | None = None,
    address: str = "",
) -> Need:
    """A resident posts a need for their home community or a grid in it; community staff may
    post on a resident's behalf (代办), recorded as such."""
    person: Person | None
    if for_person is not None:
        require(by, "need.post_on_behalf")
        require_area(by, for_person.home_area.path)
        person, on_behalf = for_person, by
    else:
        require(by, "need.post")
        person = (
            Person.objects.select_related("home_area")
            .filter(pk=getattr(by, "person_id", None))
            .first()
        )
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
        raise ValidationError(
            {
                "area": _("需求所在区域应为社区或网格（当前为%(l)s）。")
                % {"l": area.get_level_display()}
            }
        )
    home_community = _community_of(person.home_area)
    if home_community is None or home_community.pk != community.pk:
        raise ValidationError(
            {
                "area": _("只能在需求人居住的社区（%(c)s）或其网格发布需求。")
                % {"c": home_community or person.home_area}
            }
        )
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
    address = (
        normalize_address(_text(address, "address", _("服务地址"), 100, required=False))
        or person.clear_address()
    )
    levels = _ancestors_by_level(area)
    with transaction.atomic():
        need = Need.objects.create(
            title=title,
            category=category,
            description=description,
            skills=skills,
            area=area,
            community=community,
            street=levels[Level.STREET],
            district=levels[Level.DISTRICT],
            wished_from=wished_from,
            wished_until=wished_until,
            posted_by=person,
            posted_on_behalf_by=on_behalf,
            state=State.POSTED,
            listed_at=now,
            address_encrypted=encrypt_field(address) if address else "",
            address_masked=mask_address(address) if address else "",
        )
        counters.created(need)
        _save_photos(need, photos, PhotoKind.REQUEST)
        record(actor=by, action="need.post", obj=need, after=_audit_view(need))
        _notify_nearby(need)
    return need


def add_need_photos(
    *, need: Need, by: User | None, photos: Sequence[UploadedFile]
) -> list[NeedPhoto]:
    """The resident (or the staff who speak for them, as for cancelling) adds photos to a need
    that is not yet served: the same checks as when posting, at most six in all."""
    require(by, "need.add_photos")
    if not _speaks_for_poster(by, need):
        raise ValidationError({"need": _("只能为自己发布的需求添加照片。")})
    if need.state not in PHOTO_STATES:
        raise ValidationError(
            {
                "need": _("该需求当前状态为“%(s)s”，不能再添加照片。")
                % {"s": State(need.state).label}
            }
        )
    if not photos:
        raise ValidationError({"photos": _("请选择要上传的照片。")})
    photos = validate_photos(photos)  # decoded and re-encoded before the lock is taken
    with transaction.atomic():
        # Lock the need so that two uploads at once cannot pass the count together.
        Need.objects.select_for_update().filter(pk=need.pk).first()
        photos = validate_photos(
            photos, existing=need.photos.filter(kind=PhotoKind.REQUEST).count()
        )
        saved = _save_photos(need, photos, PhotoKind.REQUEST)
        record(
            actor=by, action="need.add_photos", obj=need, after={"photos": [p.pk for p in saved]}
        )
    return saved


def _notify_nearby(need: Need) -> None:
    """A new need near me matching my skills: party members registered in the community
    whose skills meet the need's."""
    wanted = set(need.skill_list)
    if not wanted:
        return
    members = []
    for reg in (
        CommunityRegistration.objects.active()
        .filter(community_id=need.community_id)
        .select_related("person")
    ):
        offered = set(split_skills(reg.skills)) | set(reg.person.skill_list)
        if offered & wanted and reg.person_id != need.posted_by_id:
            members.append(reg.person_id)
    if not members:
        return
    notify(
        kind="need.nearby",
        to=[recipients.person(*members)],
        title=_("附近有新的群众需求：%(t)s") % {"t": need.title},
        body=_("所需技能：%(s)s") % {"s": need.skills},
        url=_need_url(need),
    )
