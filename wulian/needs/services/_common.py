"""What the needs services share: settings, transitions, field checks, photos, recipients, holders."""

import datetime as dt
import logging
import math
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.accounts.models import User
from wulian.areas.models import Area, Level
from wulian.audit.services import snapshot
from wulian.core import counters, uploads
from wulian.core.gateways import GatewayError, number_privacy
from wulian.needs import rules
from wulian.needs.models import TRANSITIONS, Need, NeedPhoto, NumberBinding, State
from wulian.notifications import recipients

logger = logging.getLogger("wulian.needs")

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 5 * 1024 * 1024
RATING_EDIT_DAYS = 7
# A need's request photos may be added until the service is done.
PHOTO_STATES = frozenset({State.POSTED, State.CLAIMED, State.IN_SERVICE})

VERB_LABELS = {
    "claim": gettext_lazy("接单"),
    "start": gettext_lazy("开始服务"),
    "fulfil": gettext_lazy("标记完成"),
    "confirm": gettext_lazy("确认完成"),
    "cancel": gettext_lazy("取消"),
    "release": gettext_lazy("退单"),
    "expire": gettext_lazy("过期"),
    "reject": gettext_lazy("不予认定"),
    "contact": gettext_lazy("联系群众"),
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


def _need_url(need: Need) -> str:
    return reverse("needs:detail", kwargs={"pk": need.pk})


def _audit_view(need: Need) -> dict[str, Any]:
    return snapshot(need)


def _state_error(verb: str, state: str) -> ValidationError:
    if verb == "claim" and state in (State.CLAIMED, State.IN_SERVICE, State.DONE, State.CONFIRMED):
        return ValidationError({"need": _("该需求已被他人接单。")})
    if state == State.CANCELLED:
        return ValidationError({"need": _("该需求已取消，不能%(v)s。") % {"v": VERB_LABELS[verb]}})
    return ValidationError(
        {
            "need": _("该需求当前状态为“%(s)s”，不能%(v)s。")
            % {"s": State(state).label, "v": VERB_LABELS[verb]}
        }
    )


def _transition(
    need: Need,
    verb: str,
    by: User | None,
    *,
    extra: dict[str, Any] | None = None,
    condition: Q | None = None,
) -> dict[str, Any]:
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
        raise ValidationError(
            {
                field: _("%(f)s不能超过%(n)d个字（当前%(c)d个）。")
                % {"f": label, "n": max_length, "c": len(text)}
            }
        )
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
        raise ValidationError(
            {
                "hours": _(
                    "服务时长%(h)s小时超过了接单以来的时间：%(at)s接单，至今%(since)s，最多可填%(max)s小时。"
                )
                % {
                    "h": hours,
                    "at": claimed,
                    "since": _duration_text(elapsed),
                    "max": by_time.quantize(Decimal("0.1")),
                }
            }
        )
    if hours > by_day:
        raise ValidationError(
            {
                "hours": _(
                    "服务时长%(h)s小时超过了每天%(cap)d小时的上限：%(at)s接单至今共%(d)d天，最多可填%(max)s小时。"
                )
                % {
                    "h": hours,
                    "cap": daily_hours(),
                    "at": claimed,
                    "d": days,
                    "max": by_day.quantize(Decimal("0.1")),
                }
            }
        )


def _score(value: Any) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"score": _("评分应为1到5的整数。")}) from None
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("评分应为1到5之间（当前%(s)d）。") % {"s": score}})
    return score


def validate_photos(
    photos: Sequence[UploadedFile], field: str = "photos", *, existing: int = 0
) -> list[UploadedFile]:
    """At most six images (counting ``existing`` ones already attached), each at most 5 MB and
    really an image under the upload policy (``core.uploads``: type by content, pixel limit,
    re-encoded without EXIF). Returns the files as they are stored."""
    if existing + len(photos) > MAX_PHOTOS:
        if existing:
            raise ValidationError(
                {
                    field: _("最多上传%(n)d张照片（已有%(e)d张）。")
                    % {"n": MAX_PHOTOS, "e": existing}
                }
            )
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
    return [
        recipients.unit_contacts_of(need.provider_org_id),
        recipients.person(need.provider_person_id),
    ]


def holds_need(need: Need, by: User | None) -> bool:
    """Whether the actor acts for the provider holding the need (``rules.is_holder``)."""
    return rules.is_holder(by, need)


def _require_holder(need: Need, by: User | None, verb: str) -> None:
    """``rules.can_serve`` or 403: only the provider who took the need serves it."""
    rules.require_can(
        rules.can_serve(by, need), _("只有接单方可以%(v)s。") % {"v": VERB_LABELS.get(verb, verb)}
    )


def _speaks_for_poster(by: User | None, need: Need) -> bool:
    """Those who may withdraw the need or add photos to it (``rules.speaks_for_poster``)."""
    return rules.speaks_for_poster(by, need)


def _covers(by: User, need: Need) -> bool:
    from wulian.accounts.selectors import scope_for

    return scope_for(by).covers_path(need.area.path)


def _release_contact(need: Need) -> None:
    """Inside the transaction that takes the need out of contact: mark its bindings released and
    unbind them at the service once the change commits (a failure is logged, the number expires
    by itself)."""
    now = timezone.now()
    active = list(
        need.number_bindings.filter(released_at__isnull=True).values_list(
            "pk", "binding_id", "virtual_number"
        )
    )
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
