"""Alliances: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.alliances.models import Alliance, AllianceActivity, LedActivity, PartTimeMember
from wulian.core.counters import register

register(
    Alliance,
    area="area",
    buckets={"alliances.alliances": lambda a: True},
    month="created_at",
    labels={"alliances.alliances": _("区域化党建联盟")},
)
register(
    PartTimeMember,
    area="area",
    buckets={"alliances.part_time_members": lambda m: True},
    month="created_at",
    labels={"alliances.part_time_members": _("兼职委员")},
)
register(
    LedActivity,
    area="member__area",
    buckets={
        "activities.led": lambda a: True,
        "activities.lecture_attendances": lambda a: a.attendance,
    },
    month="held_on",
    labels={
        "activities.led": _("兼职委员带头活动"),
        "activities.lecture_attendances": _("党课听课人次"),
    },
)
register(
    AllianceActivity,
    area="alliance__area",
    buckets={
        "alliances.activities": lambda a: True,
        "alliances.attendance": lambda a: a.attendance,
    },
    month="held_on",
    labels={"alliances.activities": _("联盟活动"), "alliances.attendance": _("联盟活动人次")},
)
