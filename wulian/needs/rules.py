from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import (
    ADMINS,
    DEPARTMENT,
    EVERYONE_BUSINESS,
    MEMBER,
    PEOPLE,
    STAFF,
    UNIT,
    has_action,
    register,
)
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from wulian.accounts.models import User
    from wulian.needs.models import CommunityRegistration, Need, Rating

register(
    {
        # Residents (and party members, who are residents too) post, confirm, rate and cancel.
        "need.post": PEOPLE,
        "need.post_on_behalf": STAFF,  # 代办: community staff post for a resident
        "need.decide": STAFF,
        # Messages on a held need: the resident, the provider holding it, staff over the area.
        "need.message": STAFF
        | UNIT
        | PEOPLE,  # after the resident's confirmation deadline: confirm or reject
        "need.view": STAFF | DEPARTMENT | UNIT | PEOPLE,
        "need.confirm": PEOPLE,
        "need.cancel": PEOPLE | STAFF,
        "need.add_photos": PEOPLE | STAFF,  # the poster, or staff for them, as for cancelling
        # Providers: units and party members registered in a community.
        "need.claim": UNIT | MEMBER,
        "need.serve": UNIT | MEMBER,  # start, mark done, release, rate the request
        # Staff: the list per area and its export; party-member registrations.
        "need.list": STAFF,
        "need.export": STAFF,
        "need.register": MEMBER,
        # The compensation ledger (利益补偿).
        "compensation.view": EVERYONE_BUSINESS,
        "compensation.correct": ADMINS,
    }
)

register_notifications(
    {
        "need.nearby": Kind(
            _("附近有新的群众需求"), (To.PERSON,), _("在本社区报到、技能相符的党员本人")
        ),
        "need.claimed": Kind(
            _("需求已被接单"), (To.PERSON, To.AGENT), _("发布需求的居民本人和代办的工作人员")
        ),
        "need.done": Kind(
            _("需求已服务完成"), (To.PERSON, To.AGENT), _("发布需求的居民本人和代办的工作人员")
        ),
        "need.released": Kind(
            _("需求退回菜单"), (To.PERSON, To.AGENT), _("发布需求的居民本人和代办的工作人员")
        ),
        "need.expired": Kind(
            _("需求已过期"), (To.PERSON, To.AGENT), _("发布需求的居民本人和代办的工作人员")
        ),
        "need.cancelled": Kind(
            _("需求被取消"), (To.UNIT_CONTACTS, To.PERSON), _("接单单位的联络员或接单党员本人")
        ),
        "need.rated": Kind(
            _("需求收到评价"),
            (To.PERSON, To.AGENT, To.UNIT_CONTACTS),
            _("被评价的一方：接单单位的联络员或接单党员本人，或发布需求的居民本人和代办的工作人员"),
        ),
        "need.flagged": Kind(
            _("需求长时间无人接单"), (To.AREA_STAFF,), _("需求所在社区党组织的管理员和工作人员")
        ),
        "need.escalated": Kind(
            _("需求上报街道"), (To.AREA_STAFF,), _("需求所在街道党组织的管理员和工作人员")
        ),
        "need.confirm_overdue": Kind(
            _("群众逾期未确认服务，待社区认定"),
            (To.AREA_STAFF,),
            _("需求所在社区党组织的管理员和工作人员"),
        ),
        "need.decided": Kind(
            _("社区已认定服务"),
            (To.UNIT_CONTACTS, To.PERSON, To.AGENT),
            _("接单单位的联络员或接单党员本人，发布需求的居民本人和代办的工作人员"),
        ),
        "need.message": Kind(
            _("需求有新留言"),
            (To.UNIT_CONTACTS, To.PERSON, To.AGENT),
            _("留言的另一方：接单单位的联络员或接单党员本人，或发布需求的居民本人和代办的工作人员"),
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


def can_end_registration(user: User | None, registration: CommunityRegistration) -> bool:
    """A party member ends their own community registration (报到), nobody else's."""
    return user is None or (
        has_action(user, "need.register")
        and user.person_id is not None
        and registration.person_id == user.person_id
    )


def is_holder(user: User | None, need: Need) -> bool:
    """Whether ``user`` acts for the provider holding the need: a contact of the unit that took
    it, or the party member who took it."""
    from wulian.needs.providers import provider_context

    if user is None:
        return True
    ctx = provider_context(user)
    if need.provider_org_id:
        return any(org.pk == need.provider_org_id for org in ctx.units)
    return (
        need.provider_person_id is not None
        and ctx.person is not None
        and ctx.person.pk == need.provider_person_id
    )


def can_serve(user: User | None, need: Need) -> bool:
    """Start, record as done, give back, call the resident: only the provider who took the need."""
    return user is None or (has_action(user, "need.serve") and is_holder(user, need))


def is_poster(user: User | None, need: Need) -> bool:
    return user is None or (bool(user.person_id) and user.person_id == need.posted_by_id)


def speaks_for_poster(user: User | None, need: Need) -> bool:
    """The resident who posted the need, the staff who posted it for them (代办), or staff whose
    area covers it."""
    from wulian.accounts.rules import role_kinds
    from wulian.accounts.selectors import scope_for

    if user is None:
        return True
    return (
        is_poster(user, need)
        or need.posted_on_behalf_by_id == user.pk
        or (bool(role_kinds(user) & STAFF) and scope_for(user).covers_path(need.area.path))
    )


def can_cancel(user: User | None, need: Need) -> bool:
    """Withdraw the need (or add photos to it): those who speak for the resident who posted it."""
    return user is None or (has_action(user, "need.cancel") and speaks_for_poster(user, need))


def contact_side(user: User | None, need: Need) -> str | None:
    """How the user takes part in the need's contact (messages, the privacy number), or None:
    the resident (or the staff who posted for them), the provider while holding the need, or
    staff over the need's area. (Writing, the number and the address need the contact states.)"""
    from wulian.accounts.rules import role_kinds
    from wulian.accounts.selectors import scope_for
    from wulian.needs.models import HELD_STATES, MessageSide

    if user is None:
        return MessageSide.STAFF
    if is_poster(user, need) or need.posted_on_behalf_by_id == user.pk:
        return MessageSide.RESIDENT
    taken = bool(need.provider_org_id or need.provider_person_id)
    if need.state in HELD_STATES and taken and is_holder(user, need):
        return MessageSide.PROVIDER
    if role_kinds(user) & STAFF and scope_for(user).covers_path(need.area.path):
        return MessageSide.STAFF
    return None


def can_message(user: User | None, need: Need) -> bool:
    """Write on the need: the resident, the provider holding it, staff over its area."""
    return user is None or (
        has_action(user, "need.message") and contact_side(user, need) is not None
    )


def can_confirm(user: User | None, need: Need) -> bool:
    """Confirm the service (and rate it): only the resident who posted the need."""
    return user is None or (has_action(user, "need.confirm") and is_poster(user, need))


def can_rate(user: User | None, need: Need) -> bool:
    """双向评价: the resident who posted the need, or the provider who took it."""
    if user is None:
        return True
    if not has_action(user, "need.view"):
        return False
    taken = bool(need.provider_org_id or need.provider_person_id)
    return is_poster(user, need) or (taken and is_holder(user, need))


def can_update_rating(user: User | None, rating: Rating) -> bool:
    """Change a rating: only its author."""
    return user is None or (has_action(user, "need.view") and rating.by_id == user.pk)


def can_register(user: User | None) -> bool:
    """在职党员到社区报到: party members only (the account's person is one)."""
    from wulian.people.models import Person

    if user is None:
        return False  # a registration is a person's own: the platform registers nobody
    return (
        has_action(user, "need.register")
        and user.person_id is not None
        and Person.objects.filter(pk=user.person_id, is_party_member=True).exists()
    )
