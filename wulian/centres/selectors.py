"""Reads of the 党群服务中心: the staff's scoped lists, and what a community's public page shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from wulian.accounts.selectors import scope_for
from wulian.areas.models import Area
from wulian.centres.models import WEEKDAYS, Centre, CentreHours
from wulian.resources.models import Resource

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User


def visible_centres(user: User | AnonymousUser | None) -> QuerySet[Centre]:
    """Centres in the user's subtrees."""
    return (
        scope_for(user)
        .filter(Centre.objects.all(), area="community")
        .select_related("community", "org")
    )


def linkable_resources(centre: Centre) -> QuerySet[Resource]:
    """Resources in the centre's community that are not linked yet (for the link form)."""
    return (
        Resource.objects.filter(area__path__startswith=centre.community.path)
        .exclude(pk__in=centre.resources.values("pk"))
        .select_related("org")
    )


def hours_lines(hours: list[CentreHours]) -> list[dict[str, str]]:
    """Opening hours as a public page shows them: consecutive days with the same times in one
    line ("周一至周五 09:00-12:00、14:00-17:30"), days without hours left out."""
    by_day: dict[int, str] = {}
    for h in hours:
        times = f"{h.start:%H:%M}-{h.end:%H:%M}"
        by_day[h.weekday] = f"{by_day[h.weekday]}、{times}" if h.weekday in by_day else times
    lines: list[dict[str, str]] = []
    day = 0
    while day < 7:
        if day not in by_day:
            day += 1
            continue
        last = day
        while last + 1 < 7 and by_day.get(last + 1) == by_day[day]:
            last += 1
        days = (
            str(WEEKDAYS[day])
            if last == day
            else _("%(a)s至%(b)s") % {"a": WEEKDAYS[day], "b": WEEKDAYS[last]}
        )
        lines.append({"days": days, "times": by_day[day]})
        day = last + 1
    return lines


def public_centre(community: Area) -> dict | None:
    """What the community's public page shows of its 党群服务中心, or None when it has none or it is
    not public: name, address, service phone, introduction, opening hours, services and the open
    shared resources held there (never any person's data). Four queries, whatever it holds; for
    the public pages, which call it with the community they show."""
    centre = (
        Centre.objects.filter(community=community, is_public=True)
        .select_related("community", "org")
        .prefetch_related(
            "hours",
            "services",
            Prefetch(
                "resources",
                queryset=Resource.objects.filter(is_open=True)
                .select_related("org")
                .order_by("name"),
            ),
        )
        .first()
    )
    if centre is None:
        return None
    return {
        "name": centre.name,
        "community": centre.community.name,
        "community_code": centre.community.code,
        "org": centre.org.name,
        "address": centre.address,
        "phone": centre.phone,
        "description": centre.description,
        "hours": hours_lines(list(centre.hours.all())),
        "services": [{"name": s.name, "description": s.description} for s in centre.services.all()],
        "resources": [
            {
                "name": r.name,
                "kind": r.get_kind_display(),
                "org": r.org.name,
                "location": r.location,
                "capacity": r.capacity_display,
                "terms": r.get_terms_display(),
            }
            for r in centre.resources.all()
        ],
    }
