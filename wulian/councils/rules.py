from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import ADMINS, PEOPLE, STAFF, UNIT, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.councils.models import Council, Topic

register(
    {
        "council.view": STAFF | UNIT | PEOPLE,
        "council.create": ADMINS,
        "council.manage": STAFF,  # members, sessions, opening and closing votes, resolutions
        "council.raise_topic": STAFF | UNIT | PEOPLE,
        "council.comment": STAFF | UNIT | PEOPLE,
        "council.vote": UNIT | PEOPLE,
        "council.record_vote": STAFF,
        "council.export": STAFF,
    }
)

register_notifications(
    {
        "council.vote_opened": Kind(
            _("议题开始表决"), (To.COUNCIL,), _("议事会的在任成员（本人和成员单位联络员）")
        ),
        "council.result_published": Kind(
            _("议题表决结果"),
            (To.COUNCIL,),
            _("议事会的在任成员（本人和成员单位联络员）和提出议题的人"),
        ),
    }
)


# ------------------------------------------------------------------ object permissions
# ``can_<verb>(user, obj)``: used by the services (through ``require_can``), the pages' buttons
# and the API alike. ``None`` is the platform itself (commands, jobs, demo) and always may.


def require_can(allowed: bool, what: str) -> None:
    """Turn a refused ``can_<verb>`` into the one denial type (403 on pages and API)."""
    if not allowed:
        raise PermissionDenied(what)


def can_manage(user: User | AnonymousUser | None, council: Council) -> bool:
    """Members, sessions, votes and resolutions: staff whose subtrees hold the community."""
    return user is None or (
        has_action(user, "council.manage") and scope_for(user).covers_path(council.community.path)
    )


def can_take_part(user: User | AnonymousUser | None, council: Council) -> bool:
    """Raise topics and comment: the council's members, residents of its community, and staff
    whose subtrees hold the community."""
    from wulian.councils.selectors import is_resident_of, member_for

    if user is None:
        return True
    return (
        member_for(council, user) is not None
        or is_resident_of(council, user)
        or scope_for(user).covers_path(council.community.path)
    )


def can_vote(user: User | AnonymousUser | None, topic: Topic) -> bool:
    """A member votes for themself (a resident, or a unit through its contact)."""
    from wulian.councils.selectors import member_for

    return has_action(user, "council.vote") and member_for(topic.council, user) is not None
