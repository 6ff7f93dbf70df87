"""Duties: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.duties.models import Duty, DutyStatus


def duty_facts(d) -> dict[str, int]:
    facts = {"duties.total": 1}
    if d.status == DutyStatus.DONE:
        facts["duties.done"] = 1
        facts["duties.done_on_time" if d.done_on <= d.due_on else "duties.done_late"] = 1
    else:
        facts["duties.open"] = 1
    return facts


# By due month: "overdue" is read as the open duties of the months already ended
# (selectors.area_figures), a month-granular figure kept without a nightly job.
register(
    Duty,
    area="lead_org__area",
    facts=duty_facts,
    month="due_on",
    labels={
        "duties.total": _("责任事项"),
        "duties.done": _("已完成"),
        "duties.done_on_time": _("按期完成"),
        "duties.done_late": _("逾期完成"),
        "duties.open": _("进行中"),
    },
)
