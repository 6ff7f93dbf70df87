"""Resources: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.resources.models import Booking, BookingStatus, Resource

register(
    Resource,
    area="area",
    buckets={
        "resources.total": lambda r: True,
        "resources.opened": lambda r: r.is_open,
    },
    month="created_at",
    labels={"resources.total": _("共享资源"), "resources.opened": _("开放资源")},
)
counted = {
    BookingStatus.PENDING,
    BookingStatus.APPROVED,
    BookingStatus.CHECKED_IN,
    BookingStatus.NO_SHOW,
}
register(
    Booking,
    area="resource__area",
    buckets={
        "resources.bookings": lambda b: b.status in counted,
        "resources.checked_in": lambda b: b.status == BookingStatus.CHECKED_IN,
    },
    month="start",
    labels={"resources.bookings": _("资源预约"), "resources.checked_in": _("已签到")},
)
