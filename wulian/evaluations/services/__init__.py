"""Every change of a two-way evaluation: rounds, weights, scores, survey answers, publication
(with frozen, hashed inputs), appeals.

Split by subject: ``rounds`` (setting a round up), ``rating`` (scores and survey answers) and
``publication`` (publishing and appeals). Import from here.
"""

from wulian.evaluations.services.publication import (
    decide_appeal,
    file_appeal,
    gather_inputs,
    publish_round,
    service_record,
)
from wulian.evaluations.services.rating import (
    answer_survey,
    communities_of,
    community_of,
    may_rate,
    submit_scores,
    units_of,
)
from wulian.evaluations.services.rounds import (
    HUNDRED,
    create_round,
    open_round,
    set_criteria,
    set_weights,
)

__all__ = [
    "HUNDRED",
    "answer_survey",
    "communities_of",
    "community_of",
    "create_round",
    "decide_appeal",
    "file_appeal",
    "gather_inputs",
    "may_rate",
    "open_round",
    "publish_round",
    "service_record",
    "set_criteria",
    "set_weights",
    "submit_scores",
    "units_of",
]
