"""Activities as an .xlsx export: the attendance is the count of sign-ins."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def _dt(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def export_activities(activities: Iterable) -> bytes:
    columns = [
        ExportColumn(_("活动类型"), width=14, value=lambda a: a.get_kind_display()),
        ExportColumn(_("活动名称"), width=32, value=lambda a: a.title),
        ExportColumn(_("组织单位"), width=28, value=lambda a: a.organiser.name),
        ExportColumn(_("所在区域"), width=16, value=lambda a: a.area.name),
        ExportColumn(_("区域代码"), width=16, text=True, value=lambda a: a.area.code),
        ExportColumn(_("地点"), width=28, value=lambda a: a.place),
        ExportColumn(_("开始时间"), width=18, value=lambda a: _dt(a.starts_at)),
        ExportColumn(_("结束时间"), width=18, value=lambda a: _dt(a.ends_at)),
        ExportColumn(_("签到人数"), width=10, value=lambda a: a.attendance),
    ]
    return write_xlsx(title=_("党建活动"), columns=columns, rows=export_rows(columns, activities))
