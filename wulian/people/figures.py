"""People: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.people.models import Person

register(
    Person,
    area="home_area",
    buckets={
        "people.total": lambda p: True,
        "people.party_members": lambda p: p.is_party_member,
    },
    month="created_at",
    labels={"people.total": _("登记人员"), "people.party_members": _("党员")},
)
