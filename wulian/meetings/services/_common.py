"""What the meetings services share: URLs, state checks, the convener check, invitation rows."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.meetings import rules
from wulian.meetings.models import ActionItem, Invitation, JointMeeting, MeetingStatus
from wulian.meetings.selectors import invitable_orgs
from wulian.notifications import recipients
from wulian.orgs.models import Org

CHECKIN_SALT = "wulian.meetings.checkin"
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _meeting_url(meeting: JointMeeting) -> str:
    return f"/meetings/{meeting.pk}/"


def _item_url(item: ActionItem) -> str:
    return f"/meetings/actions/{item.pk}/"


def _check_scheduled(meeting: JointMeeting, field: str = "meeting") -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError({field: _("会议已取消，不能再修改。")})
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError({field: _("会议已闭会，不能再修改。")})


def _locked_status(meeting: JointMeeting) -> str | None:
    """Inside a transaction: lock the meeting's row and read its status, so that recording who
    came and a cancellation or reschedule at the same moment are serialised."""
    return (
        JointMeeting.objects.select_for_update()
        .filter(pk=meeting.pk)
        .values_list("status", flat=True)
        .first()
    )


def _check_convener_role(by: User | None, meeting: JointMeeting) -> None:
    """Only people of the convening org manage the meeting's outcome (``rules.can_manage``; 403)."""
    rules.require_manage(by, meeting)


def _invitees(invitations: Iterable[Invitation]) -> list[recipients.Recipients]:
    """The officials of the invited orgs and the invited people themselves."""
    rows = list(invitations)
    return [
        recipients.officials_of(*[inv.org_id for inv in rows]),
        recipients.person(*[inv.person_id for inv in rows]),
    ]


def _invite_rows(
    meeting: JointMeeting, orgs: Iterable[Org], people: Iterable[Any]
) -> list[Invitation]:
    allowed = set(invitable_orgs(meeting.area).values_list("pk", flat=True))
    rows: list[Invitation] = []
    for org in orgs:
        if org.pk not in allowed:
            raise ValidationError(
                {"invite_orgs": _("“%(o)s”不在本级会议可邀请的范围内。") % {"o": org}}
            )
        rows.append(Invitation(meeting=meeting, org=org))
    rows += [Invitation(meeting=meeting, person=person) for person in people]
    return rows


# --- convening -----------------------------------------------------------------------------


def _when(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
