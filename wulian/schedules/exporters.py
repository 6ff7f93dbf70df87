"""What became of the on-site meetings and inspections, as an .xlsx export."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def _what(o) -> str:
    return o.meeting.topic if o.meeting_id else str(o.inspection)


def export_occurrences(rows: Iterable) -> bytes:
    columns = [
        ExportColumn(_("层级区域"), width=16, value=lambda o: o.area.name),
        ExportColumn(_("区域代码"), width=16, text=True, value=lambda o: o.area.code),
        ExportColumn(_("类型"), width=14, value=lambda o: o.get_kind_display()),
        ExportColumn(_("周期"), width=24, value=lambda o: f"{o.period_start} — {o.period_end}"),
        ExportColumn(_("现场会/督导"), width=40, value=_what),
        ExportColumn(_("召集/督导单位"), width=30, value=lambda o: o.schedule.org.name),
        ExportColumn(_("落实情况"), width=10, value=lambda o: o.get_status_display()),
    ]
    return write_xlsx(title=_("现场会与督导落实"), columns=columns, rows=export_rows(columns, rows))
