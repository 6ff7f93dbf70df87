"""Closing a meeting: minutes, decisions and their action items; forwarding a decision."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.audit.services import record, snapshot
from wulian.core import counters
from wulian.meetings.models import (
    ActionEvent,
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    EventKind,
    JointMeeting,
    MeetingStatus,
)
from wulian.meetings.selectors import invitable_orgs
from wulian.meetings.services._common import (
    _check_convener_role,
    _check_scheduled,
    _item_url,
    _meeting_url,
    _when,
)
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org


def _clean_action(
    meeting: JointMeeting, data: dict, label: str, today: dt.date, allowed_orgs: set[int]
) -> tuple[dict, list[str]]:
    errs: list[str] = []
    lead = data.get("lead_org")
    co = list(data.get("co_orgs") or [])
    responsible = (data.get("responsible") or "").strip()
    due_on = data.get("due_on")
    criteria = (data.get("done_criteria") or "").strip()
    if lead is None:
        errs.append(_("%(l)s：请选择牵头单位（责任主体）。") % {"l": label})
    elif lead.pk not in allowed_orgs:
        errs.append(_("%(l)s：牵头单位“%(o)s”不在本级会议的范围内。") % {"l": label, "o": lead})
    if not responsible:
        errs.append(_("%(l)s：请填写责任人。") % {"l": label})
    if due_on is None:
        errs.append(_("%(l)s：请填写完成时限。") % {"l": label})
    elif due_on < today:
        errs.append(
            _("%(l)s：完成时限%(d)s已过，不能早于今天。") % {"l": label, "d": due_on.isoformat()}
        )
    if not criteria:
        errs.append(_("%(l)s：请填写完成标准。") % {"l": label})
    errs += [
        _("%(l)s：配合单位“%(o)s”不在本级会议的范围内。") % {"l": label, "o": org}
        for org in co
        if org.pk not in allowed_orgs
    ]
    if lead is not None and any(o.pk == lead.pk for o in co):
        errs.append(_("%(l)s：牵头单位不能同时是配合单位。") % {"l": label})
    clean = {
        "lead_org": lead,
        "co_orgs": co,
        "responsible": responsible,
        "due_on": due_on,
        "done_criteria": criteria,
        "title": (data.get("title") or "").strip(),
    }
    return clean, errs


def _create_action(decision: Decision, clean: dict, by: User | None) -> ActionItem:
    item = ActionItem.objects.create(
        decision=decision,
        title=(clean["title"] or decision.text)[:200],
        lead_org=clean["lead_org"],
        responsible=clean["responsible"],
        due_on=clean["due_on"],
        done_criteria=clean["done_criteria"],
    )
    counters.created(item)
    if clean["co_orgs"]:
        item.co_orgs.set(clean["co_orgs"])
    ActionEvent.objects.create(
        item=item,
        kind=EventKind.CREATED,
        by=by,
        by_org=decision.meeting.convener,
        text=_("%(c)s下达督办：%(t)s，牵头单位%(o)s，责任人%(r)s，%(d)s前完成。")
        % {
            "c": decision.meeting.convener,
            "t": item.title,
            "o": item.lead_org,
            "r": item.responsible,
            "d": item.due_on.isoformat(),
        },
    )
    orgs = [item.lead_org_id] + [o.pk for o in clean["co_orgs"]]
    notify(
        kind="action_item.new",
        to=[recipients.officials_of(*orgs)],
        title=_("新的督办事项：%(t)s") % {"t": item.title},
        body=_("牵头单位：%(o)s；完成时限：%(d)s")
        % {"o": item.lead_org, "d": item.due_on.isoformat()},
        url=_item_url(item),
    )
    return item


def _start_refusal(meeting: JointMeeting) -> str | None:
    if meeting.starts_at > timezone.now():
        return _("会议尚未开始（%(t)s开始），开始后才能闭会。") % {"t": _when(meeting.starts_at)}
    return None


def _attendance_refusal(meeting: JointMeeting) -> str | None:
    """Attendance is recorded when at least one person who came is: every row is someone
    present (recorded by staff or checked in); an excused invitee (请假) makes no row."""
    if not Attendance.objects.filter(meeting=meeting).exists():
        return _("尚未登记参会人员，请先登记出席情况再闭会。")
    return None


def close_refusal(meeting: JointMeeting) -> str | None:
    """Why a scheduled meeting cannot be closed yet: it has not started, or nobody is recorded
    as present."""
    return _start_refusal(meeting) or _attendance_refusal(meeting)


def _close_errors(*, minutes: str, host: str, recorder: str) -> dict[str, list[str]]:
    """The minutes, host and recorder a meeting is closed with."""
    errors: dict[str, list[str]] = {}
    if not (minutes or "").strip():
        errors["minutes"] = [_("请填写会议纪要。")]
    if not host:
        errors["host"] = [_("请填写主持人。")]
    elif len(host) > 50:
        errors["host"] = [_("主持人不能超过50字。")]
    if not recorder:
        errors["recorder"] = [_("请填写记录人。")]
    elif len(recorder) > 50:
        errors["recorder"] = [_("记录人不能超过50字。")]
    return errors


CleanDecision = tuple[str, AgendaItem | None, list[dict]]


def _clean_decision(
    meeting: JointMeeting, i: int, dec: dict, today: dt.date, allowed_orgs: set[int]
) -> tuple[CleanDecision, list[str]]:
    """The ``i``-th decision and its action items, cleaned, with the messages of what is wrong."""
    messages: list[str] = []
    text = (dec.get("text") or "").strip()
    actions = list(dec.get("action_items") or [])
    if not text:
        messages.append(_("第%(i)d项议定事项：请填写内容。") % {"i": i})
    agenda_item = dec.get("agenda_item")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        messages.append(_("第%(i)d项议定事项：对应议程不属于本次会议。") % {"i": i})
    clean_actions = []
    for j, act in enumerate(actions, start=1):
        label = _("第%(i)d项议定事项的第%(j)d项督办") % {"i": i, "j": j}
        clean, errs = _clean_action(meeting, act, label, today, allowed_orgs)
        messages.extend(errs)
        clean_actions.append(clean)
    return (text, agenda_item, clean_actions), messages


def _clean_decisions(
    meeting: JointMeeting, decisions: Sequence[dict]
) -> tuple[list[CleanDecision], list[str]]:
    """Every decision cleaned, and every message of what is wrong, in order."""
    today = timezone.localdate()
    allowed_orgs = set(invitable_orgs(meeting.area).values_list("pk", flat=True))
    cleaned: list[CleanDecision] = []
    messages: list[str] = []
    for i, dec in enumerate(decisions, start=1):
        clean, errs = _clean_decision(meeting, i, dec, today, allowed_orgs)
        messages.extend(errs)
        cleaned.append(clean)
    return cleaned, messages


def close_meeting(
    *,
    meeting: JointMeeting,
    by: User | None,
    minutes: str,
    decisions: Sequence[dict],
    host: str = "",
    recorder: str = "",
) -> JointMeeting:
    """Record minutes, the host (主持人) and recorder (记录人) — either may have been named when
    the meeting was convened — and structured decisions (any number); each decision is
    ``{"text": str, "agenda_item": AgendaItem | None, "action_items": [{"lead_org": Org,
    "co_orgs": [Org], "responsible": str, "due_on": date, "done_criteria": str, "title": str}]}``.
    Closing needs the meeting started and its attendance recorded (at least one person present).
    Any invalid action item refuses the whole close: nothing is written."""
    require(by, "meeting.close")
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    _check_scheduled(meeting)
    refusal = _start_refusal(meeting)
    if refusal:
        raise ValidationError({"meeting": refusal})
    refusal = _attendance_refusal(meeting)
    if refusal:
        raise ValidationError({"attendance": refusal})
    host = (host or "").strip() or meeting.host
    recorder = (recorder or "").strip() or meeting.recorder
    errors = _close_errors(minutes=minutes, host=host, recorder=recorder)
    cleaned, messages = _clean_decisions(meeting, decisions)
    if messages:
        errors["decisions"] = messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        now = timezone.now()
        updated = counters.update(
            JointMeeting.objects.filter(
                pk=meeting.pk, status=MeetingStatus.SCHEDULED, starts_at__lte=now
            ),
            status=MeetingStatus.CLOSED,
            minutes=minutes.strip(),
            closed_at=now,
            closed_by=by,
            host=host,
            recorder=recorder,
        )
        if not updated:  # closed, cancelled or moved to a later time meanwhile
            current = JointMeeting.objects.get(pk=meeting.pk)
            _check_scheduled(current)
            raise ValidationError(
                {"meeting": _start_refusal(current) or _("会议状态已变化，请刷新后重试。")}
            )
        items: list[ActionItem] = []
        for position, (text, agenda_item, actions) in enumerate(cleaned, start=1):
            decision = Decision.objects.create(
                meeting=meeting, position=position, text=text, agenda_item=agenda_item
            )
            decision.meeting = meeting
            items.extend(_create_action(decision, clean, by) for clean in actions)
        meeting.refresh_from_db()
        record(
            actor=by,
            action="meeting.close",
            obj=meeting,
            after={
                "minutes": meeting.minutes,
                "host": meeting.host,
                "recorder": meeting.recorder,
                "decisions": [c[0] for c in cleaned],
                "action_items": [snapshot(i) for i in items],
            },
        )
    return meeting


def add_action_item(
    *,
    decision: Decision,
    by: User | None,
    lead_org: Org | None,
    responsible: str,
    due_on: dt.date | None,
    done_criteria: str,
    co_orgs: Sequence[Org] = (),
    title: str = "",
) -> ActionItem:
    """Add one more action item to a decision of a closed meeting (by the convening org)."""
    require(by, "action_item.create")
    meeting = decision.meeting
    require_area(by, meeting.area.path)
    _check_convener_role(by, meeting)
    allowed = set(invitable_orgs(meeting.area).values_list("pk", flat=True))
    clean, errs = _clean_action(
        meeting,
        {
            "lead_org": lead_org,
            "co_orgs": co_orgs,
            "responsible": responsible,
            "due_on": due_on,
            "done_criteria": done_criteria,
            "title": title,
        },
        _("督办事项"),
        timezone.localdate(),
        allowed,
    )
    if errs:
        raise ValidationError({"decisions": errs})
    with transaction.atomic():
        item = _create_action(decision, clean, by)
        record(actor=by, action="action_item.create", obj=item, after=snapshot(item))
    return item


def forward_decision(
    *, decision: Decision, to_meeting: JointMeeting, by: User | None, note: str = ""
) -> AgendaItem:
    """Put a decision on the agenda of a meeting of the level directly above or below."""
    require(by, "decision.forward")
    source = decision.meeting
    require_area(by, source.area.path)
    if to_meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError({"to_meeting": _("只能转到尚未召开的会议。")})
    up = source.area.parent_id == to_meeting.area_id
    down = to_meeting.area.parent_id == source.area_id
    if not (up or down):
        raise ValidationError({"to_meeting": _("只能转到上一级或下一级的联席会议。")})
    if down:
        require_area(by, to_meeting.area.path)
    with transaction.atomic():
        position = to_meeting.agenda_items.count() + 1
        title = _("%(a)s转来：%(t)s") % {"a": source.convener, "t": decision.text[:150]}
        try:
            with transaction.atomic():
                item = AgendaItem.objects.create(
                    meeting=to_meeting,
                    position=position,
                    title=title[:200],
                    note=(note or "").strip(),
                    source_decision=decision,
                    added_by=by,
                )
        except IntegrityError:
            raise ValidationError({"to_meeting": _("该议定事项已转入这次会议。")}) from None
        record(
            actor=by,
            action="decision.forward",
            obj=decision,
            after={
                "to_meeting": to_meeting.pk,
                "agenda_item": item.pk,
                "direction": "up" if up else "down",
            },
        )
        notify(
            kind="decision.forwarded",
            to=[recipients.officials_of(to_meeting.convener_id)],
            title=_("转来议定事项：%(t)s") % {"t": decision.text[:60]},
            url=_meeting_url(to_meeting),
        )
    return item
