"""Cases: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.cases.models import Case, Category, Status
from wulian.core.counters import register

register(
    Case,
    area="area",
    buckets={
        "cases.total": lambda c: True,
        "cases.resolved": lambda c: c.status == Status.RESOLVED,
        "cases.property_resolved": lambda c: (
            c.status == Status.RESOLVED and c.category == Category.PROPERTY_MANAGEMENT
        ),
    },
    month="registered_at",
    labels={
        "cases.total": _("矛盾纠纷"),
        "cases.resolved": _("化解纠纷"),
        "cases.property_resolved": _("化解物业纠纷"),
    },
)
