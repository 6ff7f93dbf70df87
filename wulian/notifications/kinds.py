"""Who is told: every notification kind names its recipients, in one table.

Each app registers its kinds from its own ``rules.py`` (as it registers its actions), naming
which *audiences* a kind reaches and saying in words who they are. ``notify`` refuses a kind
that is not registered and recipients drawn from an audience the kind does not name, so what
``docs/permissions.md`` shows is what the code does.

The audiences are built by ``notifications.recipients``; none of them reaches a resident or a
party member through an organisation: a resident is told only about their own needs, bookings,
reports, council topics and public items.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class To(StrEnum):
    OFFICIALS = "officials"  # the staff roles and unit contacts held at an org
    ADMINS = "admins"  # the area admins held at an org
    UNIT_CONTACTS = "unit_contacts"  # the unit contacts of a unit
    AREA_STAFF = "area_staff"  # admins and staff of the org(s) leading an area
    LINE = "line"  # admins and staff of the departments whose line an org is in (条线)
    PERSON = "person"  # the person concerned, through their own account
    AGENT = "agent"  # the staff member who acted for a resident (代办)
    COUNCIL = "council"  # a council's seated members (people, and contacts of member units)


AUDIENCE_LABELS = {
    To.OFFICIALS: _("组织的管理员、工作人员和联络员"),
    To.ADMINS: _("组织的管理员"),
    To.UNIT_CONTACTS: _("单位联络员"),
    To.AREA_STAFF: _("区域党组织的管理员和工作人员"),
    To.LINE: _("条线部门的管理员和工作人员"),
    To.PERSON: _("本人"),
    To.AGENT: _("代办的工作人员"),
    To.COUNCIL: _("议事会成员"),
}


@dataclass(frozen=True)
class Kind:
    label: str | Promise  # what the message is about (the table's first column)
    to: tuple[To, ...]  # the audiences it may reach
    who: str | Promise  # who exactly, in words: "黉门街社区党委的管理员和工作人员（案件所在社区）"
    urgent: bool = False  # urgent kinds go out by SMS by default


KINDS: dict[str, Kind] = {}


def register(table: dict[str, Kind]) -> None:
    for name, kind in table.items():
        if name in KINDS and KINDS[name] != kind:  # two apps naming one kind differently
            raise ValueError(f"notification kind {name!r} is registered twice")
        KINDS[name] = kind


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(
            f"unknown notification kind {name!r}: register it in an app's rules.py"
        ) from None
