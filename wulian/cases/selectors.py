"""Permission-aware reads of cases, and the resolved counts per area and category."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.areas.models import Area
from wulian.cases.models import Case, Category, Status

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from wulian.accounts.models import User
    from wulian.cases.models import CaseQuerySet


def visible_cases(user: User | AnonymousUser | None) -> CaseQuerySet:
    """Cases in the user's subtrees, the cases the user reported, and for a department the cases
    handled by (routed to) an org of its line."""
    return (
        scope_for(user)
        .filter(Case.objects.all(), area="area", person="reporter", org="resolved_by_org")
        .select_related("area", "reporter", "resolved_by_org", "registered_by", "resolved_by")
    )


def reported_cases(user: User | AnonymousUser | None) -> QuerySet[Case]:
    """The cases the user reported (as their own person), and nobody else's."""
    person_id = getattr(user, "person_id", None)
    if not getattr(user, "is_authenticated", False) or person_id is None:
        return Case.objects.none()
    return Case.objects.filter(reporter_id=person_id).select_related(
        "area", "reporter", "registered_by"
    )


def timeline(case: Case) -> list[dict]:
    """What happened to a case, in order: registered, put on joint meetings' agendas, the
    meetings closed, resolved. One query for the agenda items and their meetings."""
    rows: list[dict[str, Any]] = [
        {
            "at": case.registered_at,
            "what": _("登记"),
            "meeting": None,
            "text": _("%(s)s：%(by)s")
            % {
                "s": case.get_source_display(),
                "by": case.reporter or case.registered_by or _("系统"),
            },
        }
    ]
    for item in case.agenda_items.select_related("meeting__area", "meeting__convener").order_by(
        "added_at", "pk"
    ):
        meeting = item.meeting
        rows.append(
            {
                "at": item.added_at,
                "what": _("列入联席会议议程"),
                "meeting": meeting,
                "text": f"{meeting.area.name} · {meeting.topic}",
            }
        )
        if meeting.closed_at:
            rows.append(
                {
                    "at": meeting.closed_at,
                    "what": _("联席会议闭会"),
                    "meeting": meeting,
                    "text": meeting.topic,
                }
            )
    if case.resolved_at:
        rows.append(
            {
                "at": case.resolved_at,
                "what": _("化解"),
                "meeting": None,
                "text": f"{case.get_method_display()}：{case.resolution}",
            }
        )
    rows.sort(key=lambda row: row["at"])
    return rows


def resolved_counts(user: User | AnonymousUser | None, area: Area) -> dict:
    """Resolved cases under ``area`` (visible to the user), by child area and category, in one
    grouped query. Returns rows per child (and the area itself when it has no children) and
    totals per category."""
    children = list(area.children.order_by("path"))
    qs = visible_cases(user).filter(area__path__startswith=area.path).resolved()
    categories = list(Category)
    if children:
        length = len(children[0].path)
        grouped = (
            qs.annotate(prefix=Substr("area__path", 1, length))
            .values("prefix", "category")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts: dict[tuple[str, str], int] = {(r["prefix"], r["category"]): r["n"] for r in grouped}
        rows = []
        for child in children:
            per = [counts.get((child.path, c.value), 0) for c in categories]
            rows.append({"area": child, "counts": per, "total": sum(per)})
    else:
        grouped = qs.values("category").annotate(n=Count("pk")).order_by()
        by_cat = {r["category"]: r["n"] for r in grouped}
        per = [by_cat.get(c.value, 0) for c in categories]
        rows = [{"area": area, "counts": per, "total": sum(per)}]
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(categories))]
    open_count = (
        visible_cases(user).filter(area__path__startswith=area.path, status=Status.OPEN).count()
    )
    return {
        "categories": categories,
        "rows": [r for r in rows if r["total"]] or rows[:0],
        "all_rows": rows,
        "totals": totals,
        "total": sum(totals),
        "open": open_count,
    }


def todos(user: User | AnonymousUser | None) -> list[dict]:
    if not has_action(user, "case.resolve"):
        return []
    n = visible_cases(user).filter(status=Status.OPEN).count()
    return [
        {
            "label": _("待化解的矛盾纠纷"),
            "url": reverse("cases:list") + "?status=open",
            "count": n,
            "level": "warning",
        }
    ]


def area_panel(request: HttpRequest, area: Area) -> str | None:
    """The area page's block: resolved cases under the area, by category."""
    from django.template.loader import render_to_string

    if not has_action(request.user, "case.view"):
        return None
    counts = resolved_counts(request.user, area)
    return render_to_string(
        "cases/area_panel.html", {"area": area, "counts": counts}, request=request
    )
