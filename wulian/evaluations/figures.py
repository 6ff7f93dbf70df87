"""Evaluations: the facts this app feeds the dashboards' counters with (``core.counters``).

Found at start-up like ``rules.py``. The services that write these models call ``core.counters``
(``tracking``, ``update``, ``created``, ``deleted``) inside their transaction.
"""

from django.utils.translation import gettext_lazy as _

from wulian.core.counters import register
from wulian.evaluations.models import Result, SurveyAnswer

register(
    SurveyAnswer,
    area="community",
    buckets={
        "evaluations.answers": lambda a: True,
        "evaluations.satisfaction_sum": lambda a: a.satisfaction,
        "evaluations.satisfied": lambda a: a.satisfaction >= 4,
    },
    month="answered_on",
    labels={
        "evaluations.answers": _("满意度答卷"),
        "evaluations.satisfaction_sum": _("满意度星级合计"),
        "evaluations.satisfied": _("满意及以上答卷"),
    },
)
# Results exist only once a round is published (publish_round creates them with
# Result.objects.bulk_create, then counters.created()).
register(
    Result,
    area="area",
    buckets={
        "evaluations.evaluated": lambda r: True,
        "evaluations.exemplary": lambda r: r.exemplary,
    },
    labels={
        "evaluations.evaluated": _("参评组织"),
        "evaluations.exemplary": _("共驻共建先进单位"),
    },
)
