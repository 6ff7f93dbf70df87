"""Needs: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.needs.models import HELD_STATES, Need, Rating, State


def need_facts(n) -> dict[str, int]:
    facts = {"needs.posted": 1, f"needs.state.{n.state}": 1}
    if n.state in HELD_STATES:
        facts["needs.claimed"] = 1
    if n.state == State.CONFIRMED:  # served counts once the resident (or the community) confirmed
        facts["needs.served"] = 1
    if n.claimed_at and n.listed_at and n.state in HELD_STATES:
        facts["needs.responded"] = 1
        facts["needs.response_minutes"] = max(
            0, int((n.claimed_at - n.listed_at).total_seconds() // 60)
        )
    return facts


register(
    Need,
    area="area",
    facts=need_facts,
    month="created_at",
    labels={
        "needs.posted": _("群众需求"),
        "needs.claimed": _("已认领"),
        "needs.served": _("已服务"),
        "needs.responded": _("已响应"),
        "needs.response_minutes": _("响应时长合计(分钟)"),
        "needs.state.*": _("需求状态"),
    },
)
register(
    Rating,
    area="need__area",
    buckets={
        "needs.ratings": lambda r: True,
        "needs.rating_sum": lambda r: r.score,
    },
    month="created_at",
    labels={"needs.ratings": _("服务评价"), "needs.rating_sum": _("评价星级合计")},
)
