"""Every change to resident reports (随手拍): submitted (phone page or Open311), answered by the
reporter, and triaged by staff — duplicate, routed, turned into a case or a joint meeting's
agenda item, handled. Each validates, writes in one transaction, audits and notifies on commit.

Split by subject: ``submission`` (what a resident sends and answers) and ``triage`` (what staff
do with it); ``_common`` holds the history entry and who is told."""

from wulian.reports.services._common import community_of
from wulian.reports.services.submission import (
    answer_report,
    check_in_chengdu,
    parse_coordinate,
    submit_report,
)
from wulian.reports.services.triage import (
    CASE_CATEGORY,
    handle_report,
    mark_duplicate,
    report_to_agenda,
    report_to_case,
    routable_orgs,
    route_report,
)

__all__ = [
    "CASE_CATEGORY",
    "answer_report",
    "check_in_chengdu",
    "community_of",
    "handle_report",
    "mark_duplicate",
    "parse_coordinate",
    "report_to_agenda",
    "report_to_case",
    "routable_orgs",
    "route_report",
    "submit_report",
]
