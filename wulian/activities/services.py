"""Every change to 党建活动: plan, edit, and who came — by scanning the QR code shown on site (the
shared ``core.checkin``: token, window, signer) or from a sign-in sheet the staff type in.

Signing in is open from an hour before the start until the grace period after the end
(``WULIAN_ACTIVITY_CHECKIN_GRACE_MINUTES``, 60 by default); a person signs in once (the database
refuses a second row), and the attendance is the number of sign-ins."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.selectors import scope_for
from wulian.accounts.services import require, require_area
from wulian.activities.models import Activity, ActivityKind, SignIn, SignInVia
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.core import checkin as kernel
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from wulian.people.models import Person

CHECKIN_SALT = "wulian.activities.checkin"


def grace() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "WULIAN_ACTIVITY_CHECKIN_GRACE_MINUTES", 60)))


def window(activity: Activity) -> kernel.Window:
    return kernel.Window(activity.starts_at, activity.ends_at, grace=grace())


def _clean(
    *,
    by: User | None,
    kind: str,
    title: str,
    organiser: Org | None,
    area: Area | None,
    place: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
) -> tuple[Org, Area, dt.datetime, dt.datetime]:
    """The organiser, area and times once every field is valid; else ValidationError naming each."""
    errors: dict[str, list[str]] = {}
    if kind not in ActivityKind.values:
        errors["kind"] = [_("请选择活动类型（坝坝党课、流动红色讲堂或志愿服务）。")]
    if not (title or "").strip():
        errors["title"] = [_("请填写活动名称。")]
    elif len(title.strip()) > 100:
        errors["title"] = [_("活动名称不能超过100字。")]
    if not (place or "").strip():
        errors["place"] = [_("请填写活动地点。")]
    if area is None:
        errors["area"] = [_("请选择活动所在区域。")]
    elif area.level == Level.GRID:
        errors["area"] = [_("活动登记在市、区、街道或社区。")]
    if organiser is None:
        errors["organiser"] = [_("请选择组织单位。")]
    elif by is not None and not scope_for(by).answers_for(organiser):
        errors["organiser"] = [_("“%(o)s”不在您的管辖范围内。") % {"o": organiser}]
    if starts_at is None:
        errors["starts_at"] = [_("请填写开始时间。")]
    elif ends_at is None or ends_at <= starts_at:
        errors["ends_at"] = [_("结束时间应晚于开始时间。")]
    if errors or organiser is None or area is None or starts_at is None or ends_at is None:
        raise ValidationError(errors)
    return organiser, area, starts_at, ends_at


def create_activity(
    *,
    by: User | None,
    kind: str,
    title: str,
    organiser: Org | None,
    area: Area | None,
    place: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    description: str = "",
) -> Activity:
    require(by, "activity.create")
    if area is not None:
        require_area(by, area.path)
    organiser, area, starts_at, ends_at = _clean(
        by=by,
        kind=kind,
        title=title,
        organiser=organiser,
        area=area,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    with transaction.atomic():
        activity = Activity.objects.create(
            kind=kind,
            title=title.strip(),
            organiser=organiser,
            area=area,
            place=place.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            description=(description or "").strip(),
            created_by=by,
        )
        record(actor=by, action="activity.create", obj=activity, after=snapshot(activity))
    return activity


def update_activity(
    *,
    by: User | None,
    activity: Activity,
    kind: str,
    title: str,
    organiser: Org | None,
    place: str,
    starts_at: dt.datetime | None,
    ends_at: dt.datetime | None,
    description: str = "",
) -> Activity:
    """Edit an activity; once someone signed in its times stay (the sign-ins were made in them)."""
    require(by, "activity.update")
    require_area(by, activity.area.path)
    organiser, _area, starts_at, ends_at = _clean(
        by=by,
        kind=kind,
        title=title,
        organiser=organiser,
        area=activity.area,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    with transaction.atomic():
        locked = Activity.objects.select_for_update().get(pk=activity.pk)
        if (starts_at, ends_at) != (locked.starts_at, locked.ends_at) and locked.signins.exists():
            raise ValidationError({"starts_at": _("已有人员签到，不能再修改活动时间。")})
        before = snapshot(locked)
        locked.kind, locked.title, locked.organiser, locked.place = (
            kind,
            title.strip(),
            organiser,
            place.strip(),
        )
        locked.starts_at, locked.ends_at, locked.description = (
            starts_at,
            ends_at,
            (description or "").strip(),
        )
        locked.save()
        record(
            actor=by, action="activity.update", obj=locked, before=before, after=snapshot(locked)
        )
    return locked


def record_signin(
    *,
    by: User | None,
    activity: Activity,
    name: str,
    person: Person | None = None,
    now: dt.datetime | None = None,
) -> SignIn:
    """Staff type in a sign-in sheet, one name (and, when known, the person) at a time, while
    signing in is open."""
    require(by, "activity.update")
    require_area(by, activity.area.path)
    name = person.name if person is not None else (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写签到人姓名。")})
    if len(name) > kernel.NAME_MAX:
        raise ValidationError({"name": _("签到人姓名不能超过%(n)d字。") % {"n": kernel.NAME_MAX}})
    window(activity).check(now, field="name")
    return _write(
        activity=activity,
        by=by,
        person=person,
        name=name,
        user=None,
        via=SignInVia.MANUAL,
        field="name",
    )[0]


def checkin_token(activity: Activity) -> str:
    return kernel.make_token(CHECKIN_SALT, activity.pk)


def activity_for_token(token: str) -> Activity:
    activity = (
        Activity.objects.select_related("area", "organiser")
        .filter(pk=kernel.token_pk(CHECKIN_SALT, token))
        .first()
    )
    if activity is None:
        raise ValidationError({"token": _("签到二维码无效。")})
    return activity


def _existing(activity: Activity, by: User) -> SignIn | None:
    if by.person_id:
        found = activity.signins.filter(person_id=by.person_id).first()
        if found is not None:
            return found
    return activity.signins.filter(user=by).first()


def checkin_preview(*, token: str, by: User) -> tuple[Activity, SignIn | None]:
    """What a scan leads to, before anything is written: the activity (or the same refusal as
    ``checkin``) and the user's sign-in if already made."""
    require(by, "activity.checkin")
    activity = activity_for_token(token)
    existing = _existing(activity, by)
    if existing is None:
        window(activity).check()
    return activity, existing


def checkin(
    *, token: str, by: User, name: str = "", now: dt.datetime | None = None
) -> tuple[SignIn, bool]:
    """扫码签到: once per person; a second scan (or the same person on another account) changes
    nothing and says so."""
    require(by, "activity.checkin")
    activity = activity_for_token(token)
    existing = _existing(activity, by)
    if existing is not None:
        return existing, False
    window(activity).check(now)
    person, name = kernel.signer(by, name)
    return _write(
        activity=activity, by=by, person=person, name=name, user=by, via=SignInVia.QR, field="token"
    )


def _write(
    *,
    activity: Activity,
    by: User | None,
    person: Person | None,
    name: str,
    user: User | None,
    via: str,
    field: str,
) -> tuple[SignIn, bool]:
    with transaction.atomic():
        try:
            with transaction.atomic():
                signin = SignIn.objects.create(
                    activity=activity, person=person, name=name, user=user, via=via, recorded_by=by
                )
        except IntegrityError:
            if via == SignInVia.QR and user is not None:
                again = _existing(activity, user)
                if again is not None:
                    return again, False
            raise ValidationError({field: _("%(n)s已签到，不能重复签到。") % {"n": name}}) from None
        record(
            actor=by,
            action="activity.checkin" if via == SignInVia.QR else "activity.update",
            obj=activity,
            after=snapshot(signin),
        )
    return signin, True


def now_open(activity: Activity) -> bool:
    w = window(activity)
    return w.opens_at <= timezone.now() <= w.closes_at
