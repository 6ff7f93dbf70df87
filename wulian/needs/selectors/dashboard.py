"""What the needs add to a user's to-dos and to the figures of an area."""

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.rules import STAFF, has_action, role_kinds
from wulian.areas.models import Area
from wulian.needs.models import (
    Need,
    State,
)
from wulian.needs.selectors.visibility import area_needs, claimable_needs, my_needs


def todos(user: User) -> list[dict]:
    items: list[dict] = []
    kinds = role_kinds(user)
    if has_action(user, "need.claim"):
        n = claimable_needs(user).count()
        if n:
            items.append(
                {
                    "label": _("可接单的群众需求"),
                    "url": reverse("needs:menu"),
                    "count": n,
                    "level": "info",
                }
            )
    if kinds & STAFF:
        n = area_needs(user).filter(state=State.POSTED, flagged_at__isnull=False).count()
        if n:
            items.append(
                {
                    "label": _("超时无人接单的需求"),
                    "url": reverse("needs:list") + "?state=posted",
                    "count": n,
                    "level": "danger",
                }
            )
        n = area_needs(user).filter(state=State.DONE, confirm_due_at__lte=timezone.now()).count()
        if n and has_action(user, "need.decide"):
            items.append(
                {
                    "label": _("群众逾期未确认、待社区认定的服务"),
                    "url": reverse("needs:list") + "?state=done",
                    "count": n,
                    "level": "warning",
                }
            )
    if user.person_id and has_action(user, "need.confirm"):
        n = my_needs(user).filter(state=State.DONE).count()
        if n:
            items.append(
                {
                    "label": _("待确认评价的需求"),
                    "url": reverse("needs:mine"),
                    "count": n,
                    "level": "warning",
                }
            )
    return items


def served_per_month(area: Area, *, months: int = 12) -> list[dict]:
    """Needs served (confirmed) in the area's subtree per month (Asia/Shanghai), the last
    ``months`` months including this one, oldest first; months without any show 0 (one query)."""
    from django.db.models.functions import TruncMonth

    today = timezone.localdate()
    first = today.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    starts.reverse()
    since = timezone.make_aware(dt.datetime.combine(starts[0], dt.time()))
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in (
            Need.objects.filter(
                area__path__startswith=area.path, state=State.CONFIRMED, confirmed_at__gte=since
            )
            .annotate(month=TruncMonth("confirmed_at", tzinfo=timezone.get_current_timezone()))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        )
    }
    return [{"month": f"{m:%Y-%m}", "served": counts.get(m, 0)} for m in starts]


def served_in_year(paths: list[str], year: int) -> dict[str, int]:
    """政绩考核: the needs served (done or confirmed, finished in ``year``) under each area path.
    One query whatever the number of paths."""
    from wulian.core.periods import sum_under, year_bounds

    start, end = year_bounds(year)
    rows = (
        Need.objects.filter(
            state__in=[State.DONE, State.CONFIRMED], done_at__gte=start, done_at__lt=end
        )
        .values("area__path")
        .annotate(n=Count("id"))
        .values_list("area__path", "n")
    )
    return sum_under(paths, rows)  # type: ignore[return-value]
