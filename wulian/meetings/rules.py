"""Who may do what with meetings and action items: the role × action table, and the object
predicates (``can_<verb>(user, obj)``) the services, the pages' buttons and the API share.

Seeing is the selectors' part (``selectors.visible_meetings`` / ``visible_action_items``: an
org invited to a meeting, or leading or supporting one of its items, sees it wherever it was
held). Acting is narrower: only the people who work for the invited, lead or co-operating org
(its admins and staff, or a unit's contacts) answer the invitation or report on the item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import EVERYONE_BUSINESS, STAFF, UNIT, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.meetings.models import ActionItem, Invitation, JointMeeting
    from wulian.orgs.models import Org

register(
    {
        "meeting.view": STAFF
        | UNIT,  # held in the user's subtrees, or an org the user answers for takes part
        "meeting.create": STAFF,  # convene (as the level's leading org or governance committee)
        "meeting.update": STAFF,  # invitations and agenda
        "meeting.attend": STAFF,  # record attendance, show the check-in QR code (the convening org)
        "meeting.checkin": EVERYONE_BUSINESS,  # 扫码签到 by a logged-in invitee
        "meeting.answer": STAFF | UNIT,  # 参加 / 请假 / 委派, for an invited org the user works for
        "meeting.close": STAFF,  # minutes and decisions
        "meeting.reschedule": STAFF,  # 改期, by the convening org, before the meeting is held
        "meeting.cancel": STAFF,  # 取消, by the convening org, before the meeting is held
        "meeting.export": STAFF,
        "decision.forward": STAFF,
        "action_item.view": STAFF | UNIT,
        "action_item.create": STAFF,
        "action_item.report": STAFF | UNIT,  # progress and "done", by the lead (or a co-) org
        "action_item.accept": STAFF,  # accept or send back, by the convening org
        "action_item.export": STAFF | UNIT,
    }
)

register_notifications(
    {
        "meeting.invitation": Kind(
            _("联席会议邀请"),
            (To.OFFICIALS, To.PERSON),
            _("受邀单位的管理员、工作人员和联络员，受邀个人本人"),
        ),
        "meeting.rescheduled": Kind(
            _("联席会议改期"),
            (To.OFFICIALS, To.PERSON),
            _("受邀单位的管理员、工作人员和联络员，受邀个人本人"),
            urgent=True,
        ),
        "meeting.cancelled": Kind(
            _("联席会议取消"),
            (To.OFFICIALS, To.PERSON),
            _("受邀单位的管理员、工作人员和联络员，受邀个人本人"),
            urgent=True,
        ),
        "action_item.new": Kind(
            _("新的督办事项"), (To.OFFICIALS,), _("牵头和配合单位的管理员、工作人员和联络员")
        ),
        "action_item.done": Kind(
            _("督办事项报结待验收"), (To.OFFICIALS,), _("召集单位的管理员和工作人员")
        ),
        "action_item.accepted": Kind(
            _("督办事项已验收"), (To.OFFICIALS,), _("牵头单位的管理员、工作人员和联络员")
        ),
        "action_item.returned": Kind(
            _("督办事项被退回"), (To.OFFICIALS,), _("牵头单位的管理员、工作人员和联络员")
        ),
        "action_item.escalated": Kind(
            _("督办事项逾期升级"),
            (To.OFFICIALS,),
            _("牵头单位、召集单位和已升级到的各级上级单位的管理员、工作人员和联络员"),
            urgent=True,
        ),
        "decision.forwarded": Kind(
            _("转来议定事项"), (To.OFFICIALS,), _("接收会议的召集单位的管理员和工作人员")
        ),
        "meeting.answer": Kind(
            _("邀请答复（参加/请假/委派）"), (To.OFFICIALS,), _("召集单位的管理员和工作人员")
        ),
    }
)


def acting_org(
    user: User | AnonymousUser | None, item: ActionItem, *, lead_only: bool = False
) -> Org | None:
    """The org ``user`` reports for on an action item: its lead org, or (for progress, not for
    "done") a co-operating org, when the user works for it; else None. A job (no user) acts for
    the lead org."""
    if user is None:
        return item.lead_org
    mine = scope_for(user).own_org_ids
    if item.lead_org_id in mine:
        return item.lead_org
    if lead_only or not mine:
        return None
    return item.co_orgs.filter(pk__in=mine).first()


def can_report(user: User | AnonymousUser | None, item: ActionItem) -> bool:
    """Progress reports: people who work for the lead or a co-operating org. (The item's state,
    accepted or not, is the service's and the page's business, not a right.)"""
    return user is None or (
        has_action(user, "action_item.report") and acting_org(user, item) is not None
    )


def can_mark_done(user: User | AnonymousUser | None, item: ActionItem) -> bool:
    """报结: people who work for the lead org."""
    return user is None or (
        has_action(user, "action_item.report")
        and acting_org(user, item, lead_only=True) is not None
    )


def is_convener(user: User | AnonymousUser | None, meeting: JointMeeting) -> bool:
    return user is None or meeting.convener_id in scope_for(user).own_org_ids


def can_manage(user: User | AnonymousUser | None, meeting: JointMeeting) -> bool:
    """Record who came (and show the check-in QR code), close, reschedule, cancel and add action
    items to a meeting: people of the convening org (the level's other staff, and the levels
    above, see and prepare it, but do not decide for the convener). Attendance is theirs too: it
    holds the meeting (no more 改期 / 取消) and is what closing needs."""
    return is_convener(user, meeting)


def can_accept(user: User | AnonymousUser | None, item: ActionItem) -> bool:
    """验收 / 退回: people of the convening org."""
    return user is None or (
        has_action(user, "action_item.accept") and is_convener(user, item.decision.meeting)
    )


# The ``require_`` forms build their message only when they refuse (no query for the org's name
# on the way through).


def require_manage(user: User | AnonymousUser | None, meeting: JointMeeting) -> None:
    if not can_manage(user, meeting):
        raise PermissionDenied(
            _("只有召集单位“%(o)s”的人员可以进行此操作。") % {"o": meeting.convener}
        )


def require_report(
    user: User | AnonymousUser | None, item: ActionItem, *, done: bool = False
) -> None:
    """``can_report`` (``can_mark_done`` with ``done``) or 403 saying who may."""
    if done and not can_mark_done(user, item):
        raise PermissionDenied(_("只有牵头单位“%(o)s”可以报结。") % {"o": item.lead_org})
    if not done and not can_report(user, item):
        raise PermissionDenied(_("只有牵头单位或配合单位可以报告进展。"))


def require_accept(user: User | AnonymousUser | None, item: ActionItem) -> None:
    if not can_accept(user, item):
        raise PermissionDenied(
            _("只有召集单位“%(o)s”的人员可以进行此操作。") % {"o": item.decision.meeting.convener}
        )


def can_answer(user: User | AnonymousUser | None, invitation: Invitation) -> bool:
    """参加 / 请假 / 委派: the people who work for the invited org. (Whether the meeting still takes
    answers, scheduled, is the service's and the page's business, not a right.)"""
    return user is None or (
        invitation.org_id is not None
        and has_action(user, "meeting.answer")
        and invitation.org_id in scope_for(user).own_org_ids
    )


def require_answer(user: User | AnonymousUser | None, invitation: Invitation) -> None:
    if not can_answer(user, invitation):
        raise PermissionDenied(
            _("只有受邀单位“%(o)s”的人员可以答复邀请。")
            % {"o": invitation.org or invitation.person}
        )
