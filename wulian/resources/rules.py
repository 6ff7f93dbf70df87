"""Shared resources: units publish and manage, area roles oversee (the inventory), people book."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wulian.accounts.rules import DEPARTMENT, PEOPLE, STAFF, UNIT, has_action, register
from wulian.accounts.selectors import scope_for
from wulian.notifications.kinds import Kind, To
from wulian.notifications.kinds import register as register_notifications

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.people.models import Person
    from wulian.resources.models import Booking, Resource

register(
    {
        "resource.view": STAFF
        | DEPARTMENT
        | UNIT,  # the inventory and a resource's page with its history
        "resource.create": STAFF | UNIT,
        "resource.update": STAFF | UNIT,  # edit, open, close
        "resource.export": STAFF | UNIT,
        "resource.browse": PEOPLE,  # the phone pages: resources I may book
        "resource.book": PEOPLE,  # book, my bookings, cancel my booking, its .ics
        "booking.view": STAFF | DEPARTMENT | UNIT,
        "booking.decide": STAFF | UNIT,  # approve / reject / cancel on the unit's side
        "booking.check_in": STAFF | UNIT,
    }
)

register_notifications(
    {
        "booking.pending": Kind(
            _("新的预约待审核"), (To.UNIT_CONTACTS,), _("开放资源的单位的联络员")
        ),
        "booking.approved": Kind(_("预约已通过"), (To.PERSON,), _("预约人本人")),
        "booking.rejected": Kind(_("预约未通过"), (To.PERSON,), _("预约人本人")),
        "booking.no_show": Kind(_("预约未签到已释放"), (To.PERSON,), _("预约人本人")),
        "booking.expired": Kind(_("预约已自动失效"), (To.PERSON,), _("预约人本人")),
        "booking.cancelled": Kind(_("资源关闭，预约已取消"), (To.PERSON,), _("预约人本人")),
    }
)


# ------------------------------------------------------------------ object permissions
# ``can_<verb>(user, obj)``: used by the services (through ``require_can``), the pages' buttons
# and the API alike. ``None`` is the platform itself (commands, jobs, demo) and always may.


def require_can(allowed: bool, what: str) -> None:
    """Turn a refused ``can_<verb>`` into the one denial type (403 on pages and API)."""
    if not allowed:
        raise PermissionDenied(what)


def can_manage(user: User | AnonymousUser | None, resource: Resource) -> bool:
    """The publishing unit's contacts, and area roles over the resource's area."""
    if user is None:
        return True
    scope = scope_for(user)
    return resource.org_id in scope.unit_org_ids or scope.covers_path(resource.area.path)


def can_update(user: User | AnonymousUser | None, resource: Resource) -> bool:
    """Edit, open or close the resource."""
    return user is None or (has_action(user, "resource.update") and can_manage(user, resource))


def can_decide(user: User | AnonymousUser | None, booking: Booking) -> bool:
    """Approve, reject or cancel a booking on the unit's side."""
    return user is None or (
        has_action(user, "booking.decide") and can_manage(user, booking.resource)
    )


def can_check_in(user: User | AnonymousUser | None, booking: Booking) -> bool:
    return user is None or (
        has_action(user, "booking.check_in") and can_manage(user, booking.resource)
    )


def can_book_for(user: User | None, person: Person) -> bool:
    """Nobody books for another person: the account books for its own person only."""
    return user is None or user.person_id == person.pk
