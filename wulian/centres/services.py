"""Every change to the 党群服务中心: set up, edit (with opening hours), services, linked resources.
Community staff manage their own community's centre; each change is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Area, Level
from wulian.audit.services import record, snapshot
from wulian.centres.models import WEEKDAYS, Centre, CentreHours, CentreService
from wulian.orgs.models import Org
from wulian.resources.models import Resource

Hours = Iterable[tuple[int, dt.time, dt.time]]


def _clean(
    *, name: str, address: str, hours: Hours
) -> tuple[dict[str, list[str]], list[tuple[int, dt.time, dt.time]]]:
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("请填写中心名称。")]
    if not (address or "").strip():
        errors["address"] = [_("请填写地址。")]
    intervals = sorted(hours)
    problems = []
    for weekday, start, end in intervals:
        if not 0 <= weekday <= 6:
            problems.append(_("星期应为0（周一）到6（周日）。"))
        elif end <= start:
            problems.append(
                _("%(d)s %(s)s-%(e)s：结束时间应晚于开始时间。")
                % {"d": WEEKDAYS[weekday], "s": f"{start:%H:%M}", "e": f"{end:%H:%M}"}
            )
    for (d1, _s1, e1), (d2, s2, _e2) in zip(intervals, intervals[1:], strict=False):
        if d1 == d2 and s2 < e1 and 0 <= d1 <= 6:
            problems.append(_("%(d)s的开放时间有重叠。") % {"d": WEEKDAYS[d1]})
    if problems:
        errors["hours"] = problems
    return errors, intervals


def _set_hours(centre: Centre, intervals: list[tuple[int, dt.time, dt.time]]) -> None:
    centre.hours.all().delete()
    CentreHours.objects.bulk_create(
        [CentreHours(centre=centre, weekday=d, start=s, end=e) for d, s, e in intervals]
    )


def _hours_text(centre: Centre) -> list[str]:
    return [str(h) for h in centre.hours.all()]


def create_centre(
    *,
    by: User | None,
    community: Area,
    name: str,
    address: str,
    phone: str = "",
    description: str = "",
    is_public: bool = True,
    hours: Hours = (),
) -> Centre:
    """Set up a community's centre, run by the community's leading party organization."""
    require(by, "centre.manage")
    if community is None or community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("党群服务中心应设在社区（村）。")})
    require_area(by, community.path)
    errors, intervals = _clean(name=name, address=address, hours=hours)
    org = Org.objects.filter(leads=community).first()
    if org is None:
        errors["community"] = [
            _("%(c)s还没有领导它的党组织，请先登记社区党组织。") % {"c": community.name}
        ]
    if errors or org is None:
        raise ValidationError(errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                centre = Centre.objects.create(
                    community=community,
                    org=org,
                    name=name.strip(),
                    address=address.strip(),
                    phone=(phone or "").strip(),
                    description=(description or "").strip(),
                    is_public=is_public,
                )
        except IntegrityError:
            raise ValidationError(
                {"community": _("%(c)s已有党群服务中心。") % {"c": community.name}}
            ) from None
        _set_hours(centre, intervals)
        record(
            actor=by,
            action="centre.create",
            obj=centre,
            after={**snapshot(centre), "hours": _hours_text(centre)},
        )
    return centre


def update_centre(
    *,
    by: User | None,
    centre: Centre,
    name: str,
    address: str,
    phone: str = "",
    description: str = "",
    is_public: bool = True,
    hours: Hours = (),
) -> Centre:
    require(by, "centre.manage")
    require_area(by, centre.community.path)
    errors, intervals = _clean(name=name, address=address, hours=hours)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = {**snapshot(centre), "hours": _hours_text(centre)}
        centre.name, centre.address, centre.phone = (
            name.strip(),
            address.strip(),
            (phone or "").strip(),
        )
        centre.description, centre.is_public = (description or "").strip(), is_public
        centre.save()
        _set_hours(centre, intervals)
        record(
            actor=by,
            action="centre.update",
            obj=centre,
            before=before,
            after={**snapshot(centre), "hours": _hours_text(centre)},
        )
    return centre


def add_service(
    *, by: User | None, centre: Centre, name: str, description: str = ""
) -> CentreService:
    require(by, "centre.manage")
    require_area(by, centre.community.path)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写服务名称。")})
    with transaction.atomic():
        position = (
            centre.services.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        try:
            with transaction.atomic():
                service = CentreService.objects.create(
                    centre=centre,
                    name=name[:60],
                    description=(description or "").strip()[:200],
                    position=position,
                )
        except IntegrityError:
            raise ValidationError({"name": _("已有名为“%(n)s”的服务。") % {"n": name}}) from None
        record(actor=by, action="centre.add_service", obj=service, after=snapshot(service))
    return service


def remove_service(*, by: User | None, centre_service: CentreService) -> None:
    require(by, "centre.manage")
    require_area(by, centre_service.centre.community.path)
    with transaction.atomic():
        record(
            actor=by,
            action="centre.remove_service",
            obj=centre_service,
            before=snapshot(centre_service),
        )
        centre_service.delete()


def link_resource(*, by: User | None, centre: Centre, resource: Resource) -> Centre:
    """Show a shared resource as one of the centre's: it must lie in the centre's community."""
    require(by, "centre.manage")
    require_area(by, centre.community.path)
    if resource is None or not resource.area.path.startswith(centre.community.path):
        raise ValidationError({"resource": _("只能关联本社区内的共享资源。")})
    with transaction.atomic():
        if centre.resources.filter(pk=resource.pk).exists():
            raise ValidationError({"resource": _("“%(r)s”已关联到本中心。") % {"r": resource.name}})
        centre.resources.add(resource)
        record(
            actor=by,
            action="centre.link_resource",
            obj=centre,
            after={"resource": resource.pk, "name": resource.name},
        )
    return centre


def unlink_resource(*, by: User | None, centre: Centre, resource: Resource) -> Centre:
    require(by, "centre.manage")
    require_area(by, centre.community.path)
    with transaction.atomic():
        if not centre.resources.filter(pk=resource.pk).exists():
            raise ValidationError({"resource": _("“%(r)s”未关联到本中心。") % {"r": resource.name}})
        centre.resources.remove(resource)
        record(
            actor=by,
            action="centre.unlink_resource",
            obj=centre,
            before={"resource": resource.pk, "name": resource.name},
        )
    return centre
