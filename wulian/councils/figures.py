"""Councils: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.councils.models import Council

register(
    Council,
    area="community",
    buckets={"councils.councils": lambda c: True},
    month="created_at",
    labels={"councils.councils": _("居民议事会")},
)
