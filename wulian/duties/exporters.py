"""Duty lists as .xlsx exports (through the shared spreadsheet writer: formulas neutralised)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx
from wulian.duties.models import Duty

COLOUR_LABELS = {"red": "红", "yellow": "黄", "green": "绿", "done": "已完成"}


def duty_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("牵头单位"), width=30, value=lambda d: d.lead_org.name),
        ExportColumn(_("清单类型"), width=10, value=lambda d: d.duty_list.get_kind_display()),
        ExportColumn(_("年度"), width=8, value=lambda d: d.duty_list.year),
        ExportColumn(_("事项"), width=40, value=lambda d: d.title),
        ExportColumn(_("完成标准"), width=40, value=lambda d: d.done_criteria),
        ExportColumn(_("责任人"), width=12, value=lambda d: d.responsible_person),
        ExportColumn(
            _("配合单位"), width=30, value=lambda d: "、".join(o.name for o in d.co_orgs.all())
        ),
        ExportColumn(
            _("下达单位"),
            width=30,
            value=lambda d: d.assigned_by_org.name if d.assigned_by_org_id else "",
        ),
        ExportColumn(_("下达日期"), width=12, value=lambda d: d.assigned_on),
        ExportColumn(_("截止日期"), width=12, value=lambda d: d.due_on),
        ExportColumn(_("状态"), width=10, value=lambda d: d.get_status_display()),
        ExportColumn(_("完成日期"), width=12, value=lambda d: d.done_on),
        ExportColumn(
            _("预警"), width=8, value=lambda d: COLOUR_LABELS.get(getattr(d, "colour", ""), "")
        ),
    ]


def export_duties(duties: Iterable[Duty], title: str | None = None) -> bytes:
    columns = duty_columns()
    return write_xlsx(
        title=title or _("清单事项"), columns=columns, rows=export_rows(columns, duties)
    )
