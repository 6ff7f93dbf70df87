"""Agreements: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.agreements.models import Agreement, AgreementStatus, Delivery, DeliveryStatus
from wulian.core.counters import register

register(
    Agreement,
    area="area",
    buckets={
        "agreements.signed": lambda a: (
            a.status in (AgreementStatus.IN_FORCE, AgreementStatus.ENDED)
        ),
        "agreements.in_force": lambda a: a.status == AgreementStatus.IN_FORCE,
    },
    month="created_at",
    labels={"agreements.signed": _("服务协议"), "agreements.in_force": _("生效协议")},
)
# A delivery counts once the community confirmed it (confirm_delivery: a conditional
# counters.update()); pending and rejected ones count for nothing.
register(
    Delivery,
    area="item__agreement__area",
    buckets={
        "agreements.fulfilled": lambda d: d.status == DeliveryStatus.CONFIRMED,
        "agreements.delivered": lambda d: d.count if d.status == DeliveryStatus.CONFIRMED else 0,
    },
    month="date",
    labels={"agreements.fulfilled": _("履约记录"), "agreements.delivered": _("履约服务量")},
)
