"""The models of joint meetings, split by subject: ``meetings`` (the meeting and its changes),
``attendance`` (invitations and who came), ``decisions`` (agenda and decisions) and ``actions``
(action items, 督办, and their history)."""

from wulian.meetings.models.actions import (
    ActionEvent,
    ActionItem,
    ActionItemQuerySet,
    ActionStatus,
    EventKind,
)
from wulian.meetings.models.attendance import Attendance, CheckinVia, Invitation, Response
from wulian.meetings.models.decisions import AgendaItem, Decision
from wulian.meetings.models.meetings import (
    ChangeKind,
    JointMeeting,
    JointMeetingQuerySet,
    MeetingChange,
    MeetingStatus,
)

__all__ = [
    "ActionEvent",
    "ActionItem",
    "ActionItemQuerySet",
    "ActionStatus",
    "AgendaItem",
    "Attendance",
    "ChangeKind",
    "CheckinVia",
    "Decision",
    "EventKind",
    "Invitation",
    "JointMeeting",
    "JointMeetingQuerySet",
    "MeetingChange",
    "MeetingStatus",
    "Response",
]
