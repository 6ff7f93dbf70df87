"""Permission-aware reads of duty lists, duties and holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import AREA_ROLES, Role
from wulian.accounts.rules import has_action
from wulian.accounts.selectors import is_signed_in, scope_for
from wulian.duties.models import Duty, DutyList, Holiday, HolidayYear

if TYPE_CHECKING:
    from uuid import UUID

    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.orgs.models import Org


def visible_duty_lists(user: User | AnonymousUser | None) -> QuerySet[DutyList]:
    return (
        scope_for(user)
        .filter(DutyList.objects.all(), area="org__area", org="org")
        .select_related("org__area")
    )


def visible_duties(user: User | AnonymousUser | None) -> QuerySet[Duty]:
    return (
        scope_for(user)
        .filter(Duty.objects.all(), area="lead_org__area", org="lead_org")
        .select_related("duty_list", "lead_org__area", "assigned_by_org")
    )


_Duties = TypeVar("_Duties", bound=Iterable[Duty])


def with_colours(duties: _Duties, today: dt.date | None = None) -> _Duties:
    """Put each duty's red / yellow / green (or "done") on it, with one holiday query for all."""
    from wulian.duties.calendar import calendar_for_today
    from wulian.duties.models import DutyStatus

    today = today or timezone.localdate()
    cal = calendar_for_today(today)
    for duty in duties:
        duty.colour = (
            "done" if duty.status == DutyStatus.DONE else cal.status_colour(duty.due_on, today)
        )
    return duties


def visible_holidays(user: User | AnonymousUser | None) -> QuerySet[Holiday]:
    return Holiday.objects.all()


def unconfirmed_holiday_years(today: dt.date | None = None) -> list[int]:
    """The current and next year when the table has no confirmed arrangement for them (one
    query): the duty pages warn staff, as working days there are counted without 春节 or 调休."""
    year = (today or timezone.localdate()).year
    confirmed = set(
        HolidayYear.objects.filter(year__in=[year, year + 1]).values_list("year", flat=True)
    )
    return [y for y in (year, year + 1) if y not in confirmed]


def holiday_year(year: int) -> HolidayYear | None:
    return HolidayYear.objects.select_related("confirmed_by").filter(year=year).first()


def official_differences(year: int) -> list[dict]:
    """Where the table and the official package disagree for a year the package covers: each
    date with the table's entry and the package's (None where one has no entry). Empty when the
    package does not cover the year."""
    from wulian.duties import holidays_cn

    if year not in holidays_cn.covered_years():
        return []
    official = {d.date: (d.name, d.is_workday) for d in holidays_cn.official_days(year)}
    table = {
        d: (n, w)
        for d, n, w in Holiday.objects.filter(date__year=year).values_list(
            "date", "name", "is_workday"
        )
    }
    out = []
    for day in sorted(set(official) | set(table)):
        mine, theirs = table.get(day), official.get(day)
        if (mine[1] if mine else None) != (theirs[1] if theirs else None):
            out.append({"date": day, "table": mine, "official": theirs})
    return out


def assignment_progress(user: User | AnonymousUser | None, assignment: UUID) -> QuerySet[Duty]:
    """Every duty of one assignment the user may see, with its report count."""
    return (
        visible_duties(user)
        .filter(assignment=assignment)
        .annotate(report_count=Count("reports"))
        .order_by("lead_org__area__path")
    )


def user_org_ids(user: User | AnonymousUser | None) -> set[int]:
    """Orgs at which the user holds any role."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_wulian_org_ids", None)
    if cached is None:
        cached = set(
            Role.objects.filter(user=user, org__isnull=False).values_list("org_id", flat=True)
        )
        user._wulian_org_ids = cached
    return cached


def acting_org(user: User, path: str) -> Org | None:
    """The org through whose area role the user acts on the area ``path``: the nearest one."""
    from wulian.orgs.models import Kind

    best, best_len = None, -1
    for role in Role.objects.filter(
        user=user, kind__in=[str(k) for k in AREA_ROLES]
    ).select_related("org__leads", "org__area"):
        org = role.org
        if org is None:
            continue
        root = org.leads or (org.area if org.kind == Kind.GOVERNANCE_COMMITTEE else None)
        if root is not None and path.startswith(root.path) and len(root.path) > best_len:
            best, best_len = org, len(root.path)
    return best


def duty_todos(user: User | AnonymousUser | None) -> list[dict]:
    """My to-dos: open duties of my orgs that are overdue or due within 3 working days."""
    if not has_action(user, "duty.report"):
        return []
    org_ids = user_org_ids(user)
    if not org_ids:
        return []
    today = timezone.localdate()
    qs = Duty.objects.open().filter(Q(lead_org_id__in=org_ids))
    overdue = qs.filter(due_on__lt=today).count()
    soon = qs.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=7)).count()
    url = reverse("duties:index")
    return [
        {
            "label": _("逾期未完成的清单事项"),
            "url": f"{url}?status=open&colour=red",
            "count": overdue,
            "level": "danger",
        },
        {
            "label": _("即将到期的清单事项"),
            "url": f"{url}?status=open",
            "count": soon,
            "level": "warning",
        },
    ]
