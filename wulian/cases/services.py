"""Every change to cases (矛盾纠纷): registered by staff or reported by a resident, resolved."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.cases.models import Case, Category, Method, Source, Status
from wulian.cases.rules import can_resolve, require_can
from wulian.core import counters
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from wulian.people.models import Person


def _clean_fields(
    *, area: Area | None, category: str, title: str, description: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if area is None:
        errors["area"] = [_("请选择所在区域。")]
    elif area.level == Level.CITY:
        errors["area"] = [_("矛盾纠纷应登记在区(市)县、街道或社区。")]
    if category not in Category.values:
        errors["category"] = [_("请选择类别。")]
    if not title.strip():
        errors["title"] = [_("请填写标题。")]
    if not description.strip():
        errors["description"] = [_("请填写情况描述。")]
    return errors


def _notify_area_leaders(case: Case) -> None:
    """The staff of the area's leading org; a grid has none, so its community's are told."""
    area_id = case.area.parent_id if case.area.level == Level.GRID else case.area_id
    notify(
        kind="case.new",
        to=[recipients.area_staff(area_id)],
        title=_("新的矛盾纠纷：%(t)s") % {"t": case.title},
        body=case.get_category_display(),
        url=f"/cases/{case.pk}/",
    )


def register_case(
    *,
    by: User | None,
    area: Area,
    category: str,
    title: str,
    description: str,
    parties: str = "",
    reporter: Person | None = None,
) -> Case:
    """Staff register a case in an area of their subtree."""
    require(by, "case.create")
    errors = _clean_fields(area=area, category=category, title=title, description=description)
    if errors:
        raise ValidationError(errors)
    require_area(by, area.path)
    with transaction.atomic():
        case = Case.objects.create(
            area=area,
            category=category,
            title=title.strip(),
            description=description.strip(),
            parties=parties.strip(),
            source=Source.RESIDENT if reporter else Source.STAFF,
            reporter=reporter,
            registered_by=by,
        )
        counters.created(case)
        record(actor=by, action="case.create", obj=case, after=snapshot(case))
    return case


def report_case(
    *, by: User | None, category: str, title: str, description: str, parties: str = ""
) -> Case:
    """A resident reports a problem; it is registered in the resident's home area."""
    require(by, "case.report")
    person = getattr(by, "person", None)
    if person is None:
        raise ValidationError({"title": _("您的账号没有关联居民信息，无法反映问题。")})
    area = person.home_area
    errors = _clean_fields(area=area, category=category, title=title, description=description)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = Case.objects.create(
            area=area,
            category=category,
            title=title.strip(),
            description=description.strip(),
            parties=parties.strip(),
            source=Source.RESIDENT,
            reporter=person,
            registered_by=by,
        )
        counters.created(case)
        record(actor=by, action="case.report", obj=case, after=snapshot(case))
        _notify_area_leaders(case)
    return case


def resolve_case(
    *,
    case: Case,
    by: User | None,
    resolution: str,
    method: str,
    resolved_on: dt.date | None = None,
    resolved_by_org: Org | None = None,
) -> Case:
    """Record who resolved a case, how and when. A case is resolved once."""
    require(by, "case.resolve")
    require_can(can_resolve(by, case), "case outside area")
    errors: dict[str, list[str]] = {}
    if not (resolution or "").strip():
        errors["resolution"] = [_("请填写化解情况。")]
    if method not in Method.values:
        errors["method"] = [_("请选择化解方式。")]
    today = timezone.localdate()
    resolved_on = resolved_on or today
    if resolved_on > today:
        errors["resolved_on"] = [_("化解日期不能晚于今天。")]
    elif resolved_on < timezone.localtime(case.registered_at).date():
        errors["resolved_on"] = [_("化解日期不能早于登记日期。")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = snapshot(case)
        now = timezone.now()
        updated = counters.update(
            Case.objects.filter(pk=case.pk, status=Status.OPEN),
            status=Status.RESOLVED,
            resolution=resolution.strip(),
            method=method,
            resolved_on=resolved_on,
            resolved_by_org=resolved_by_org,
            resolved_by=by,
            resolved_at=now,
        )
        if not updated:
            raise ValidationError({"resolution": _("该矛盾纠纷已化解，不能重复记录。")})
        case.refresh_from_db()
        record(actor=by, action="case.resolve", obj=case, before=before, after=snapshot(case))
        if case.reporter_id:
            notify(
                kind="case.resolved",
                to=[recipients.person(case.reporter_id)],
                title=_("您反映的问题已化解：%(t)s") % {"t": case.title},
                url=f"/cases/mine/{case.pk}/",
            )
    return case
