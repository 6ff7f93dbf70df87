"""Community registration of volunteers and the compensation ledger."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.needs.models import CommunityRegistration, CompensationEntry, split_skills
from wulian.needs.providers import forget_provider_context
from wulian.needs.rules import can_end_registration, can_register, require_can
from wulian.needs.services._common import _community_of, _text
from wulian.orgs.models import Org
from wulian.people.models import Person


def register_in_community(
    *, by: User | None, community: Area, skills: str = ""
) -> CommunityRegistration:
    """在职党员到社区报到: a party member registers to serve the community where they live."""
    require(by, "need.register")
    if by is None or not can_register(by):  # a registration is a person's own: never the platform's
        raise PermissionDenied(_("只有党员可以到社区报到。"))
    person = Person.objects.select_related("home_area").get(pk=by.person_id)
    if community.level != Level.COMMUNITY:
        raise ValidationError(
            {
                "community": _("请选择一个社区（“%(a)s”是%(l)s）。")
                % {"a": community, "l": community.get_level_display()}
            }
        )
    home = _community_of(person.home_area)
    if home is None or home.pk != community.pk:
        raise ValidationError(
            {"community": _("应到居住地所在社区（%(c)s）报到。") % {"c": home or person.home_area}}
        )
    skills = ",".join(split_skills(_text(skills, "skills", _("服务专长"), 200, required=False)))
    if CommunityRegistration.objects.active().filter(person=person, community=community).exists():
        raise ValidationError({"community": _("您已在%(c)s报到。") % {"c": community}})
    try:
        with transaction.atomic():
            reg = CommunityRegistration.objects.create(
                person=person, community=community, skills=skills
            )
            record(actor=by, action="need.register", obj=reg, after=snapshot(reg))
    except IntegrityError:
        raise ValidationError({"community": _("您已在%(c)s报到。") % {"c": community}}) from None
    forget_provider_context(by)
    return reg


def end_registration(
    *, registration: CommunityRegistration, by: User | None
) -> CommunityRegistration:
    require(by, "need.register")
    require_can(can_end_registration(by, registration), "need.register")
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


def correct_compensation(
    *,
    by: User | None,
    reason: str,
    hours: Any = 0,
    points: Any = 0,
    person: Person | None = None,
    org: Org | None = None,
    corrects: CompensationEntry | None = None,
) -> CompensationEntry:
    """A correction is a new entry (negative or positive); entries are never changed."""
    require(by, "compensation.correct")
    reason = _text(reason, "reason", _("更正事由"), 200)
    if corrects is not None:
        person, org = person or corrects.person, org or corrects.org
    if person is None and org is None:
        raise ValidationError({"person": _("请选择补偿的人员或单位。")})
    if by is not None:
        paths = [p.home_area.path for p in [person] if p is not None] + [
            o.area.path for o in [org] if o is not None
        ]
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
            person=person,
            org=org,
            need=corrects.need if corrects else None,
            hours=hours_value,
            points=points_value,
            reason=reason,
            corrects=corrects,
            created_by=by,
        )
        record(actor=by, action="compensation.correct", obj=entry, after=snapshot(entry))
    return entry
