"""The fund pages, split by subject: ``funds`` (funds, their sources and allocations), ``projects``
(projects, spending and facilities) and ``report`` (the yearly report by area)."""

from wulian.funds.views.funds import (
    allocation_create,
    allocation_detail,
    allocation_export,
    allocation_list,
    allocation_pdf,
    allocation_return,
    fund_create,
    fund_detail,
    fund_list,
    source_create,
)
from wulian.funds.views.projects import (
    facility_create,
    facility_export,
    facility_list,
    project_advance,
    project_create,
    project_detail,
    project_export,
    project_list,
    project_spend,
)
from wulian.funds.views.report import report, report_export

__all__ = [
    "allocation_create",
    "allocation_detail",
    "allocation_export",
    "allocation_list",
    "allocation_pdf",
    "allocation_return",
    "facility_create",
    "facility_export",
    "facility_list",
    "fund_create",
    "fund_detail",
    "fund_list",
    "project_advance",
    "project_create",
    "project_detail",
    "project_export",
    "project_list",
    "project_spend",
    "report",
    "report_export",
    "source_create",
]
