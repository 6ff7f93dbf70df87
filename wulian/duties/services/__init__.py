"""Every change to duty lists, duties, progress reports and the holiday table, split by subject:
``duties`` (lists, duties, assignment from above, progress) and ``holidays`` (the holiday table
and the years confirmed in it)."""

from wulian.duties.services.duties import (
    MAX_TITLE,
    assign_duty,
    create_duty,
    create_duty_list,
    report_progress,
)
from wulian.duties.services.holidays import (
    confirm_holiday_year,
    create_holiday,
    delete_holiday,
    sync_official_holidays,
    update_holiday,
)

__all__ = [
    "MAX_TITLE",
    "assign_duty",
    "confirm_holiday_year",
    "create_duty",
    "create_duty_list",
    "create_holiday",
    "delete_holiday",
    "report_progress",
    "sync_official_holidays",
    "update_holiday",
]
