"""Every change to joint meetings, decisions and action items (督办).

A meeting is convened at a level by that level's leading org or governance committee; closing it
records minutes and structured decisions whose action items land on their lead org's to-dos and
are followed until the convening org accepts them. Overdue items escalate one level up, once.
"""

from wulian.meetings.services._common import (
    CHECKIN_SALT,
    EVIDENCE_MAX_BYTES,
)
from wulian.meetings.services.actions import (
    accept_item,
    escalate_item,
    escalate_overdue,
    escalation_path,
    escalation_period_days,
    grace_days,
    levels_due,
    mark_done,
    report_progress,
    return_item,
)
from wulian.meetings.services.attendance import (
    checkin,
    checkin_preview,
    checkin_token,
    meeting_for_token,
    record_attendance,
)
from wulian.meetings.services.changes import (
    cancel_meeting,
    change_refusal,
    reschedule_meeting,
)
from wulian.meetings.services.closing import (
    add_action_item,
    close_meeting,
    close_refusal,
    forward_decision,
)
from wulian.meetings.services.convening import (
    add_agenda_item,
    answer_invitation,
    answer_text,
    convene_meeting,
    invite,
)

__all__ = [
    "CHECKIN_SALT",
    "EVIDENCE_MAX_BYTES",
    "accept_item",
    "add_action_item",
    "add_agenda_item",
    "answer_invitation",
    "answer_text",
    "cancel_meeting",
    "change_refusal",
    "checkin",
    "checkin_preview",
    "checkin_token",
    "close_meeting",
    "close_refusal",
    "convene_meeting",
    "escalate_item",
    "escalate_overdue",
    "escalation_path",
    "escalation_period_days",
    "forward_decision",
    "grace_days",
    "invite",
    "levels_due",
    "mark_done",
    "meeting_for_token",
    "record_attendance",
    "report_progress",
    "reschedule_meeting",
    "return_item",
]
