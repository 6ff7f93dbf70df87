"""Permission-aware reads of dispatches, rectifications, inspections, inquiries and an org's record."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import scope_for
from wulian.dispatches.models import (
    Criticism,
    Dispatch,
    DispatchStatus,
    Inquiry,
    Inspection,
    InspectionKind,
    InspectionStatus,
    Rectification,
    RectificationStatus,
)
from wulian.duties.models import Duty
from wulian.duties.selectors import user_org_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.areas.models import Area
    from wulian.orgs.models import Org


def visible_dispatches(user: User | AnonymousUser | None) -> QuerySet[Dispatch]:
    """Dispatches whose scope lies in the user's subtrees (the issuing side), and published
    dispatches that criticise an org the user answers for (``Scope.orgs_q``: the user's own
    orgs, and for area staff every org of their subtrees), wherever they were issued."""
    scope = scope_for(user)
    q = scope.paths_q("scope_area")
    if scope.own_org_ids or scope.area_paths:
        criticised = Criticism.objects.filter(scope.orgs_q("org")).values("dispatch_id")
        q |= Q(pk__in=criticised, status=DispatchStatus.PUBLISHED)
    return Dispatch.objects.filter(q).select_related("scope_area", "issuer__area", "corrects")


def managed_dispatches(user: User | AnonymousUser | None) -> QuerySet[Dispatch]:
    """Dispatches whose scope lies in the user's subtrees: those the user's level reviews, edits,
    publishes, corrects and exports. A criticised org reads the dispatch, and gets 404 here."""
    return Dispatch.objects.filter(scope_for(user).paths_q("scope_area")).select_related(
        "scope_area", "issuer__area", "corrects"
    )


def visible_rectifications(user: User | AnonymousUser | None) -> QuerySet[Rectification]:
    """Rectifications of published dispatches, of an org the user answers for."""
    return Rectification.objects.filter(
        scope_for(user).orgs_q("org"),
        criticism__dispatch__status=DispatchStatus.PUBLISHED,
    ).select_related("org__area", "criticism__dispatch__scope_area", "escalated_to")


def visible_inspections(user: User | AnonymousUser | None) -> QuerySet[Inspection]:
    """Inspections of an org the user answers for (a unit sees those of itself). 暗访督查 is not
    announced: the inspected org's own people do not see a planned unannounced inspection of it
    until it has been carried out (the levels above, who plan it, do)."""
    scope = scope_for(user)
    qs = Inspection.objects.filter(scope.orgs_q("target"))
    if scope.own_org_ids:
        qs = qs.exclude(
            kind=InspectionKind.UNANNOUNCED,
            status=InspectionStatus.PLANNED,
            target_id__in=sorted(scope.own_org_ids),
        )
    return qs.select_related("target__area", "by_org")


def visible_inquiries(user: User | AnonymousUser | None) -> QuerySet[Inquiry]:
    """Inquiries sent to an org the user answers for."""
    return Inquiry.objects.filter(scope_for(user).orgs_q("to_org")).select_related(
        "to_org__area", "from_org"
    )


def org_record(user: User | AnonymousUser | None, org: Org) -> dict:
    """Everything of 责任联动 about one org, each part through its own scoped selector."""
    from wulian.duties.selectors import visible_duties

    return {
        "duties": visible_duties(user).filter(lead_org=org).order_by("-due_on")[:100],
        "criticisms": Criticism.objects.filter(
            org=org,
            dispatch__status=DispatchStatus.PUBLISHED,
            rectification__in=visible_rectifications(user),
        )
        .select_related("dispatch", "rectification")
        .order_by("-id"),
        "inspections": visible_inspections(user).filter(target=org).prefetch_related("findings"),
        "inquiries": visible_inquiries(user).filter(to_org=org),
    }


def dispatch_todos(user: User | AnonymousUser | None) -> list[dict]:
    items: list[dict] = []
    orgs = user_org_ids(user)
    if orgs and has_action(user, "rectification.report"):
        n = Rectification.objects.filter(
            org_id__in=orgs,
            criticism__dispatch__status=DispatchStatus.PUBLISHED,
            status__in=[RectificationStatus.PENDING, RectificationStatus.REJECTED],
        ).count()
        items.append(
            {
                "label": _("待报告的整改"),
                "url": reverse("dispatches:rectifications"),
                "count": n,
                "level": "danger",
            }
        )
    if orgs and has_action(user, "inquiry.reply"):
        n = Inquiry.objects.filter(to_org_id__in=orgs, replied_at__isnull=True).count()
        items.append(
            {
                "label": _("待答复的问询"),
                "url": reverse("dispatches:inquiries"),
                "count": n,
                "level": "warning",
            }
        )
    if has_action(user, "rectification.verify"):
        n = (
            scope_for(user)
            .filter(
                Rectification.objects.filter(status=RectificationStatus.REPORTED),
                area="criticism__dispatch__scope_area",
            )
            .count()
        )
        items.append(
            {
                "label": _("待核验的整改"),
                "url": reverse("dispatches:rectifications") + "?status=reported",
                "count": n,
                "level": "info",
            }
        )
    if has_action(user, "dispatch.publish"):
        n = visible_dispatches(user).filter(status=DispatchStatus.DRAFT).count()
        items.append(
            {
                "label": _("待审核发布的调度通报"),
                "url": reverse("dispatches:list") + "?status=draft",
                "count": n,
                "level": "info",
            }
        )
    return items


__all__ = ["Duty", "Q"]


def public_criticisms(area: Area) -> list[dict]:
    """Published 通报批评 of orgs located in the area's subtree, and whether each was rectified
    (整改已核验): organisations only, never a person (one query)."""
    from django.utils import timezone

    qs = (
        Criticism.objects.filter(published_at__isnull=False, org__area__path__startswith=area.path)
        .select_related("dispatch__issuer", "org__area", "rectification")
        .order_by("-published_at", "pk")
    )
    rows = []
    for c in qs:
        rect = getattr(c, "rectification", None)
        rows.append(
            {
                "dispatch": c.dispatch.title,
                "document_no": c.dispatch.document_no,
                "issuer": c.dispatch.issuer.name,
                "published_on": timezone.localtime(c.published_at).date().isoformat(),
                "org": c.org.name,
                "area": c.org.area.name,
                "failure": c.failure,
                "deadline": c.deadline.isoformat(),
                "rectification": rect.get_status_display()
                if rect
                else str(RectificationStatus.PENDING.label),
                "rectified": bool(rect and rect.status == RectificationStatus.VERIFIED),
            }
        )
    return rows


def rectifications_on_time_in_year(paths: list[str], year: int) -> dict[str, Decimal | None]:
    """政绩考核: of the rectifications of the orgs under each area path that fell due in ``year``
    (up to today), the share reported by the deadline and verified, in percent; None where none
    fell due. One query."""
    from django.db.models import Min
    from django.utils import timezone

    from wulian.core.periods import rate

    today = timezone.localdate()
    rows = (
        Rectification.objects.filter(deadline__year=year, deadline__lt=today)
        .annotate(first_report=Min("reports__reported_at"))
        .values_list("org__area__path", "status", "deadline", "first_report")
    )
    due: dict[str, int] = dict.fromkeys(paths, 0)
    kept: dict[str, int] = dict.fromkeys(paths, 0)
    for path, status, deadline, first in rows:
        on_time = (
            status == RectificationStatus.VERIFIED
            and first is not None
            and timezone.localtime(first).date() <= deadline
        )
        for p in paths:
            if path.startswith(p):
                due[p] += 1
                kept[p] += int(on_time)
    return {p: rate(kept[p], due[p]) for p in paths}
