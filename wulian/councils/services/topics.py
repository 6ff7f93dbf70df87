"""Topics (议题) raised in a council, and comments on them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require
from wulian.audit.services import record, snapshot
from wulian.councils.models import Comment, Council, CouncilMember, Session, Topic, TopicStatus
from wulian.councils.rules import can_take_part, require_can
from wulian.councils.selectors import member_for


def _may_take_part(council: Council, by: User | None) -> CouncilMember | None:
    """Members, residents of the community and staff of the area may raise topics and comment."""
    require_can(
        can_take_part(by, council), "not a member, resident or staff of this council's community"
    )
    return member_for(council, by)


def raise_topic(
    *,
    by: User | None,
    council: Council,
    title: str,
    description: str = "",
    session: Session | None = None,
) -> Topic:
    require(by, "council.raise_topic")
    member = _may_take_part(council, by)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("请填写议题。")})
    if session is not None and session.council_id != council.pk:
        raise ValidationError({"session": _("会议不属于该议事会。")})
    with transaction.atomic():
        topic = Topic.objects.create(
            council=council,
            session=session,
            title=title[:200],
            description=(description or "").strip(),
            raised_by_member=member,
            raised_by_person=getattr(by, "person", None) if by else None,
            raised_by_user=by,
        )
        record(actor=by, action="council.raise_topic", obj=topic, after=snapshot(topic))
    return topic


def add_comment(*, by: User, topic: Topic, body: str) -> Comment:
    require(by, "council.comment")
    member = _may_take_part(topic.council, by)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("请填写意见。")})
    if topic.status == TopicStatus.CLOSED:
        raise ValidationError({"body": _("议题已表决结束，不能再发表意见。")})
    with transaction.atomic():
        comment = Comment.objects.create(topic=topic, author=by, member=member, body=body)
        record(actor=by, action="council.comment", obj=comment, after=snapshot(comment))
    return comment
