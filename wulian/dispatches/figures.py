"""The figures of a monthly dispatch: one row per organization below the scope, one column per
provider. Each figure is one small provider function; a provider whose app is not installed
(``django.apps.apps.is_installed``) is left out, so a missing app just drops its column.

At the end, the facts this app feeds the dashboards' counters with (``core.counters``; this module
is found at start-up like ``rules.py``)."""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from wulian.areas.models import Area
from wulian.core.counters import register
from wulian.core.periods import local_date
from wulian.dispatches.letterhead import issuer_for
from wulian.dispatches.models import (
    Criticism,
    Rectification,
    RectificationReport,
    RectificationStatus,
)
from wulian.duties.calendar import WorkCalendar
from wulian.duties.models import Duty

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    app: str | None  # the app that must be installed, e.g. "wulian.needs"
    count: Callable[[str, dt.date, dt.date], int]  # (area path, first day, last day) -> figure


def _duties_due(path: str, start: dt.date, end: dt.date):
    return Duty.objects.filter(lead_org__area__path__startswith=path, due_on__range=(start, end))


def duties_due(path, start, end) -> int:
    return _duties_due(path, start, end).count()


def duties_on_time(path, start, end) -> int:
    return _duties_due(path, start, end).done_on_time().count()


def duties_overdue(path, start, end) -> int:
    """Due in the month and not done by the due date (still open, or done late)."""
    return _duties_due(path, start, end).not_done_by_due_date().count()


def action_items_done(path, start, end) -> int:
    """Action items of joint meetings (wulian.meetings) accepted in the month."""
    ActionItem = apps.get_model("meetings", "ActionItem")
    return ActionItem.objects.filter(
        lead_org__area__path__startswith=path, accepted_at__date__range=(start, end)
    ).count()


def needs_served(path, start, end) -> int:
    """Residents' needs (wulian.needs) served and confirmed (by the resident, or the community
    after the deadline) in the month: a service marked done but not confirmed does not count."""
    Need = apps.get_model("needs", "Need")
    return Need.objects.filter(
        area__path__startswith=path, state="confirmed", confirmed_at__date__range=(start, end)
    ).count()


def bookings(path, start, end) -> int:
    """Bookings of shared resources (wulian.resources) held in the month."""
    Booking = apps.get_model("resources", "Booking")
    return Booking.objects.filter(
        resource__area__path__startswith=path,
        start__date__range=(start, end),
        status__in=["approved", "checked_in"],
    ).count()


def deliveries(path, start, end) -> int:
    """Services delivered under agreements (wulian.agreements) in the month and confirmed by the
    community (a delivery still pending or rejected does not count)."""
    Delivery = apps.get_model("agreements", "Delivery")
    return Delivery.objects.filter(
        item__agreement__area__path__startswith=path, date__range=(start, end), status="confirmed"
    ).count()


PROVIDERS: list[Provider] = [
    Provider("duties_due", gettext_noop("到期事项"), None, duties_due),
    Provider("duties_on_time", gettext_noop("按期完成"), None, duties_on_time),
    Provider("duties_overdue", gettext_noop("逾期"), None, duties_overdue),
    Provider(
        "action_items_done", gettext_noop("督办事项办结"), "wulian.meetings", action_items_done
    ),
    Provider("needs_served", gettext_noop("服务群众需求"), "wulian.needs", needs_served),
    Provider("bookings", gettext_noop("资源预约"), "wulian.resources", bookings),
    Provider("deliveries", gettext_noop("协议履约服务"), "wulian.agreements", deliveries),
]


def active_providers() -> list[Provider]:
    return [p for p in PROVIDERS if p.app is None or apps.is_installed(p.app)]


def month_bounds(period: dt.date) -> tuple[dt.date, dt.date]:
    start = period.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return start, end


def orgs_below(scope_area: Area) -> list:
    """The organization of each child area (its governance committee or leading party org)."""
    out = []
    for child in Area.objects.filter(parent=scope_area).order_by("path"):
        org = issuer_for(child)
        if org is not None:
            out.append((org, child))
    return out


def overdue_in_month(scope_area: Area, start: dt.date, end: dt.date) -> list[dict]:
    """The duties below the scope that fell overdue within the month: due in it and not done by
    their due date (still open, or done late), the ones ``duties_overdue`` counts. Working days
    overdue are counted to the day the duty was done or the month's last day, whichever is
    first, so the list is the same whenever the notice is generated."""
    duties = (
        _duties_due(scope_area.path, start, end)
        .not_done_by_due_date()
        .exclude(lead_org__area=scope_area)
        .select_related("lead_org")
        .order_by("due_on", "id")[:200]
    )
    cal = WorkCalendar(start, end)
    return [
        {
            "duty_id": duty.pk,
            "title": duty.title,
            "org": duty.lead_org.name,
            "org_id": duty.lead_org_id,
            "due_on": duty.due_on.isoformat(),
            "working_days_overdue": cal.working_days_between(
                duty.due_on, min(duty.done_on or end, end)
            ),
        }
        for duty in duties
    ]


def compute(scope_area: Area, period: dt.date, today: dt.date) -> dict:
    """The figures of a month: columns, one row per org below with its on-time rate and rank,
    and the list of the items that fell overdue within the month (``overdue_in_month``);
    ``as_of`` records the day it was computed, which changes none of them."""
    start, end = month_bounds(period)
    providers = active_providers()
    rows = []
    for org, area in orgs_below(scope_area):
        values: dict[str, int | None] = {}
        for provider in providers:
            try:
                values[provider.key] = provider.count(area.path, start, end)
            except Exception:  # an installed app without the expected fields: drop the column
                log.warning("dispatch figure %s unavailable", provider.key, exc_info=True)
                values[provider.key] = None
        due = values.get("duties_due") or 0
        rate = round(100 * (values.get("duties_on_time") or 0) / due, 1) if due else None
        rows.append(
            {"org_id": org.pk, "org": org.name, "area": area.name, "values": values, "rate": rate}
        )
    columns = [
        {"key": p.key, "label": p.label}
        for p in providers
        if all(r["values"].get(p.key) is not None for r in rows)
    ]
    keep = {c["key"] for c in columns}
    for row in rows:
        row["values"] = {k: v for k, v in row["values"].items() if k in keep}
    ranked = sorted(
        rows,
        key=lambda r: (
            r["rate"] is None,
            -(r["rate"] or 0),
            r["values"].get("duties_overdue", 0),
            r["area"],
        ),
    )
    for i, row in enumerate(ranked, start=1):
        row["rank"] = i if row["rate"] is not None else None
    overdue = overdue_in_month(scope_area, start, end)
    return {
        "period": start.isoformat(),
        "as_of": today.isoformat(),
        "columns": columns,
        "rows": ranked,
        "overdue": overdue,
    }


# ------------------------------------------------------------------------- counters (core.counters)


# Issued once the dispatch is published (publish_dispatch stamps published_at on each of its
# criticisms: a draft's criticisms count for nothing), at the criticized org's area.
register(
    Criticism,
    area="org__area",
    buckets={"dispatches.criticisms": lambda c: c.published_at is not None},
    month="published_at",
    labels={"dispatches.criticisms": _("通报批评")},
)
# Rectifications by their deadline's month, like duties and action items by their due month.
register(
    Rectification,
    area="org__area",
    buckets={
        "dispatches.rectified": lambda r: r.status == RectificationStatus.VERIFIED,
    },
    month="deadline",
    labels={"dispatches.rectified": _("整改核验通过")},
)
# On time: the report the issuer verified was made by the deadline (the issuer's own delay in
# verifying does not make it late). verify_rectification marks that report's review; the
# rectification's deadline and org never change.
register(
    RectificationReport,
    area="rectification__org__area",
    buckets={
        "dispatches.rectified_on_time": lambda r: (
            r.review == RectificationStatus.VERIFIED
            and local_date(r.reported_at) <= r.rectification.deadline
        ),
    },
    month=lambda r: r.rectification.deadline,
    labels={"dispatches.rectified_on_time": _("按期整改")},
)
