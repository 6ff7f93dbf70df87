"""Expiry and escalation of needs (run by jobs)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.audit.services import record
from wulian.core import counters
from wulian.needs.models import Need, State
from wulian.needs.services._common import (
    _audit_view,
    _need_url,
    _transition,
    escalate_hours,
    expire_days,
    flag_hours,
    poster_recipients,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify


def expire_needs(*, now: dt.datetime | None = None, by: User | None = None) -> int:
    """Needs still on the menu past their wished end, or listed longer than the expiry period."""
    now = now or timezone.now()
    stale = (
        Need.objects.filter(state=State.POSTED)
        .filter(Q(wished_until__lt=now) | Q(listed_at__lt=now - dt.timedelta(days=expire_days())))
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in list(stale):
        need = Need.objects.get(pk=pk)
        try:
            with transaction.atomic():
                before = _transition(need, "expire", by, extra={"expired_at": now})
                record(
                    actor=by, action="need.expire", obj=need, before=before, after=_audit_view(need)
                )
                notify(
                    kind="need.expired",
                    to=poster_recipients(need),
                    title=_("您的需求“%(t)s”已过期") % {"t": need.title},
                    url=_need_url(need),
                )
        except ValidationError:
            continue  # claimed or cancelled meanwhile
        count += 1
    return count


def flag_stale_needs(*, now: dt.datetime | None = None, by: User | None = None) -> tuple[int, int]:
    """Unclaimed past WULIAN_NEED_FLAG_HOURS: flag to the community's staff; still unclaimed
    WULIAN_NEED_ESCALATE_HOURS after that: escalate to the street. Each happens once per need
    (a conditional UPDATE on the empty timestamp). Returns (flagged, escalated)."""
    now = now or timezone.now()
    flagged = escalated = 0
    to_flag = Need.objects.filter(
        state=State.POSTED,
        flagged_at__isnull=True,
        listed_at__lte=now - dt.timedelta(hours=flag_hours()),
    ).values_list("pk", flat=True)
    for pk in list(to_flag):
        with transaction.atomic():
            if (
                counters.update(
                    Need.objects.filter(pk=pk, state=State.POSTED, flagged_at__isnull=True),
                    flagged_at=now,
                )
                != 1
            ):
                continue
            need = Need.objects.get(pk=pk)
            record(actor=by, action="need.flag", obj=need, after={"flagged_at": now})
            notify(
                kind="need.flagged",
                to=[recipients.area_staff(need.community_id)],
                title=_("需求“%(t)s”超过%(h)d小时无人接单") % {"t": need.title, "h": flag_hours()},
                url=_need_url(need),
            )
            flagged += 1
    to_escalate = Need.objects.filter(
        state=State.POSTED,
        escalated_at__isnull=True,
        flagged_at__lte=now - dt.timedelta(hours=escalate_hours()),
    ).values_list("pk", flat=True)
    for pk in list(to_escalate):
        with transaction.atomic():
            if (
                counters.update(
                    Need.objects.filter(pk=pk, state=State.POSTED, escalated_at__isnull=True),
                    escalated_at=now,
                )
                != 1
            ):
                continue
            need = Need.objects.get(pk=pk)
            record(actor=by, action="need.escalate", obj=need, after={"escalated_at": now})
            notify(
                kind="need.escalated",
                to=[recipients.area_staff(need.street_id)],
                title=_("需求“%(t)s”长时间无人接单，已上报街道") % {"t": need.title},
                body=_("社区：%(c)s") % {"c": need.community},
                url=_need_url(need),
            )
            escalated += 1
    return flagged, escalated
