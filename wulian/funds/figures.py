"""Funds: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.funds.models import EntryKind, Facility, LedgerEntry, Project


def _fen(amount) -> int:
    return int(round(amount * 100))


register(
    Project,
    area="community",
    facts=lambda p: {"funds.projects": 1, f"funds.projects.{p.status}": 1},
    month="created_at",
    labels={"funds.projects": _("项目"), "funds.projects.*": _("项目状态")},
)
register(
    Facility,
    area="community",
    buckets={"funds.facilities": lambda f: True},
    month="created_at",
    labels={"funds.facilities": _("设施")},
)
sign = {
    EntryKind.RECEIPT: ("funds.received_fen", 1),
    EntryKind.RECEIPT_CORRECTION: ("funds.received_fen", -1),
}
register(
    LedgerEntry,
    area="fund__area",
    facts=lambda e: {sign[e.kind][0]: sign[e.kind][1] * _fen(e.amount)} if e.kind in sign else {},
    month="created_at",
    labels={"funds.received_fen": _("到位资金(分)")},
)
community = {
    EntryKind.ALLOCATION: ("funds.allocated_fen", 1),
    EntryKind.ALLOCATION_RETURN: ("funds.allocated_fen", -1),
    EntryKind.SPENDING: ("funds.spent_fen", 1),
    EntryKind.SPENDING_RETURN: ("funds.spent_fen", -1),
}
register(
    LedgerEntry,
    area="allocation__community",
    facts=lambda e: (
        {community[e.kind][0]: community[e.kind][1] * _fen(e.amount)} if e.kind in community else {}
    ),
    month="created_at",
    labels={"funds.allocated_fen": _("拨付资金(分)"), "funds.spent_fen": _("支出资金(分)")},
)
