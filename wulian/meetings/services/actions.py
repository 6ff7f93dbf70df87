"""Following action items through (督办): progress, done, accepted or returned, and escalation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.areas.models import Area
from wulian.audit.services import record
from wulian.core import counters, uploads
from wulian.meetings import rules
from wulian.meetings.models import ActionEvent, ActionItem, ActionStatus, EventKind, JointMeeting
from wulian.meetings.selectors import level_org
from wulian.meetings.services._common import EVIDENCE_MAX_BYTES, _item_url
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org

if TYPE_CHECKING:
    from django.core.files import File


def _acting_org(by: User | None, item: ActionItem, *, lead_only: bool) -> Org | None:
    """The org the actor reports for (``rules.acting_org``), after ``rules.can_report`` (or
    ``can_mark_done`` with ``lead_only``) refused anyone else with 403."""
    rules.require_report(by, item, done=lead_only)
    return rules.acting_org(by, item, lead_only=lead_only)


def _check_evidence(evidence: File | None) -> File | None:
    """The evidence file under the upload policy (``core.uploads.EVIDENCE``, at most 10 MB)."""
    return uploads.clean_upload(
        evidence, uploads.EVIDENCE, field="evidence", max_bytes=EVIDENCE_MAX_BYTES
    )


def report_progress(
    *, item: ActionItem, by: User | None, text: str, evidence: File | None = None
) -> ActionEvent:
    """A progress report with evidence (text and an optional file)."""
    require(by, "action_item.report")
    org = _acting_org(by, item, lead_only=False)
    if not (text or "").strip():
        raise ValidationError({"text": _("请填写进展情况。")})
    if item.status == ActionStatus.ACCEPTED:
        raise ValidationError({"item": _("该督办事项已验收，不能再报告进展。")})
    evidence = _check_evidence(evidence)
    with transaction.atomic():
        event = ActionEvent(
            item=item, kind=EventKind.PROGRESS, text=text.strip(), by=by, by_org=org
        )
        if evidence is not None:
            event.evidence.save(evidence.name, evidence, save=False)
        event.save()
        record(
            actor=by,
            action="action_item.report",
            obj=item,
            after={
                "event": event.pk,
                "text": event.text,
                "by_org": org.pk if org else None,
                "evidence": event.evidence.name or "",
            },
        )
    return event


def mark_done(
    *, item: ActionItem, by: User | None, text: str, evidence: File | None = None
) -> ActionItem:
    """The lead org reports the item done; the convening org then checks it."""
    require(by, "action_item.report")
    org = _acting_org(by, item, lead_only=True)
    if not (text or "").strip():
        raise ValidationError({"text": _("请填写办结情况。")})
    evidence = _check_evidence(evidence)
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(
            ActionItem.objects.filter(pk=item.pk, status=ActionStatus.OPEN),
            status=ActionStatus.DONE,
            done_at=now,
        )
        if not updated:
            raise ValidationError({"item": _("该督办事项不在办理中，不能报结。")})
        event = ActionEvent(item=item, kind=EventKind.DONE, text=text.strip(), by=by, by_org=org)
        if evidence is not None:
            event.evidence.save(evidence.name, evidence, save=False)
        event.save()
        item.refresh_from_db()
        record(
            actor=by,
            action="action_item.done",
            obj=item,
            before={"status": ActionStatus.OPEN},
            after={"status": item.status, "text": event.text},
        )
        convener = item.decision.meeting.convener
        notify(
            kind="action_item.done",
            to=[recipients.officials_of(convener.pk)],
            title=_("督办事项已报结待验收：%(t)s") % {"t": item.title},
            url=_item_url(item),
        )
    return item


def accept_item(*, item: ActionItem, by: User | None, note: str = "") -> ActionItem:
    """The convening org checks and accepts an item reported done."""
    require(by, "action_item.accept")
    meeting = item.decision.meeting
    rules.require_accept(by, item)
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(
            ActionItem.objects.filter(pk=item.pk, status=ActionStatus.DONE),
            status=ActionStatus.ACCEPTED,
            accepted_at=now,
            accepted_by=by,
        )
        if not updated:
            raise ValidationError({"item": _("只有已报结的督办事项可以验收。")})
        ActionEvent.objects.create(
            item=item,
            kind=EventKind.ACCEPTED,
            text=(note or "").strip(),
            by=by,
            by_org=meeting.convener,
        )
        item.refresh_from_db()
        record(
            actor=by,
            action="action_item.accept",
            obj=item,
            before={"status": ActionStatus.DONE},
            after={"status": item.status, "note": note},
        )
        notify(
            kind="action_item.accepted",
            to=[recipients.officials_of(item.lead_org_id)],
            title=_("督办事项已验收：%(t)s") % {"t": item.title},
            url=_item_url(item),
        )
    return item


def return_item(*, item: ActionItem, by: User | None, reason: str) -> ActionItem:
    """The convening org sends an item reported done back, with a reason."""
    require(by, "action_item.accept")
    meeting = item.decision.meeting
    rules.require_accept(by, item)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写退回原因。")})
    with transaction.atomic():
        updated = counters.update(
            ActionItem.objects.filter(pk=item.pk, status=ActionStatus.DONE),
            status=ActionStatus.OPEN,
            done_at=None,
        )
        if not updated:
            raise ValidationError({"item": _("只有已报结的督办事项可以退回。")})
        ActionEvent.objects.create(
            item=item, kind=EventKind.RETURNED, text=reason.strip(), by=by, by_org=meeting.convener
        )
        item.refresh_from_db()
        record(
            actor=by,
            action="action_item.return",
            obj=item,
            before={"status": ActionStatus.DONE},
            after={"status": item.status, "reason": reason},
        )
        notify(
            kind="action_item.returned",
            to=[recipients.officials_of(item.lead_org_id)],
            title=_("督办事项被退回：%(t)s") % {"t": item.title},
            body=reason.strip(),
            url=_item_url(item),
        )
    return item


def grace_days() -> int:
    return int(getattr(settings, "WULIAN_ACTION_ITEM_GRACE_DAYS", 3))


def escalation_period_days() -> int:
    """How many further overdue days take an item one more level up (default: the grace period,
    at least one day)."""
    return max(1, int(getattr(settings, "WULIAN_ACTION_ITEM_ESCALATION_DAYS", grace_days())))


def levels_due(overdue_days: int) -> int:
    """How many levels up an item this many days overdue should have reached: the first once the
    grace period is over, one more per further period (grace 3, period 3: after 4, 7, 10 days)."""
    if overdue_days <= grace_days():
        return 0
    return 1 + (overdue_days - grace_days() - 1) // escalation_period_days()


def escalation_path(meeting: JointMeeting) -> list[tuple[Area, Org]]:
    """The levels above the meeting's area, nearest first, each with the org that answers for it
    (its leading org, else its governance committee); a level without one is passed over."""
    path: list[tuple[Area, Org]] = []
    for area in reversed(meeting.area.ancestors()):
        org = level_org(area)
        if org is not None:
            path.append((area, org))
    return path


def escalate_overdue(*, by: User | None = None, today: dt.date | None = None) -> list[int]:
    """Escalate every open item overdue past the grace period one level up per further overdue
    period, up to the city: each level once (a conditional UPDATE on the number of levels reached
    and a unique event per item and level). A job that did not run for a while catches up, one
    event per level. Returns the ids of the items escalated in this run."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=grace_days())
    candidates = (
        ActionItem.objects.filter(status=ActionStatus.OPEN, due_on__lt=cutoff)
        .exclude(decision__meeting__area__parent=None)  # a city meeting has nowhere to go
        .exclude(escalated_to__area__parent=None, escalation_level__gt=0)  # reached the city
        .select_related("decision__meeting__area", "decision__meeting__convener", "lead_org")
    )
    done: list[int] = []
    for item in candidates:
        due = levels_due((today - item.due_on).days)
        if item.escalation_level >= due:
            continue
        path = escalation_path(item.decision.meeting)
        while item.escalation_level < min(due, len(path)):
            if not escalate_item(item=item, by=by, today=today, path=path):
                break
            if item.pk not in done:
                done.append(item.pk)
    return done


def escalate_item(
    *,
    item: ActionItem,
    by: User | None = None,
    today: dt.date | None = None,
    path: list[tuple[Area, Org]] | None = None,
) -> bool:
    """Take an open item one level further up (the next level of ``escalation_path``), once:
    False when it is no longer open, another run took it there first, or there is no level left.
    The owner (lead org), the convener and every level reached so far are told."""
    today = today or timezone.localdate()
    meeting = item.decision.meeting
    path = path if path is not None else escalation_path(meeting)
    reached = item.escalation_level
    if reached >= len(path):
        return False
    area, target = path[reached]
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(
            ActionItem.objects.filter(
                pk=item.pk, status=ActionStatus.OPEN, escalation_level=reached
            ),
            escalation_level=reached + 1,
            escalated_at=now,
            escalated_to=target,
        )
        if not updated:
            return False
        item.escalation_level, item.escalated_at, item.escalated_to = reached + 1, now, target
        days = (today - item.due_on).days
        text = _(
            "逾期%(d)d天未办结（完成时限%(due)s，宽限%(g)d天），升级至%(t)s督办（第%(n)d级）。"
        ) % {
            "d": days,
            "due": item.due_on.isoformat(),
            "g": grace_days(),
            "t": target,
            "n": reached + 1,
        }
        ActionEvent.objects.create(
            item=item, kind=EventKind.ESCALATED, text=text, by=by, by_org=target, to_area=area
        )
        previous = path[reached - 1][1].pk if reached else None
        record(
            actor=by,
            action="action_item.escalate",
            obj=item,
            before={"escalated_to": previous},
            after={"escalated_to": target.pk, "level": area.level, "overdue_days": days},
        )
        reached_orgs = [org.pk for _area, org in path[: reached + 1]]
        notify(
            kind="action_item.escalated",
            to=[recipients.officials_of(item.lead_org_id, meeting.convener_id, *reached_orgs)],
            title=_("督办事项逾期升级：%(t)s") % {"t": item.title},
            body=text,
            url=_item_url(item),
        )
    return True
