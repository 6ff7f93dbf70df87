"""An agreement's fulfilment (per item, per month) as an .xlsx export."""

from django.utils.translation import gettext as _

from wulian.agreements.models import Agreement
from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx

STATUS_LABELS = {"red": "红", "yellow": "黄", "green": "绿"}


def fulfilment_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("序号"), width=6, value=lambda r: r[0].position),
        ExportColumn(_("服务内容"), width=24, value=lambda r: r[0].content),
        ExportColumn(_("服务标准"), width=30, value=lambda r: r[0].standard),
        ExportColumn(_("责任单位"), width=24, value=lambda r: r[0].responsible_org.name),
        ExportColumn(_("责任人"), width=12, value=lambda r: r[0].responsible_person),
        ExportColumn(_("月份"), width=10, text=True, value=lambda r: f"{r[1].month:%Y-%m}"),
        ExportColumn(_("目标"), width=10, value=lambda r: r[0].target_display),
        ExportColumn(_("完成"), width=8, value=lambda r: r[1].delivered),
        ExportColumn(
            _("完成率(%)"),
            width=10,
            value=lambda r: r[1].percent if r[1].percent is not None else "",
        ),
        ExportColumn(_("超额"), width=8, value=lambda r: r[1].surplus or ""),
        ExportColumn(_("待社区确认"), width=10, value=lambda r: r[1].pending or ""),
        ExportColumn(_("状态"), width=6, value=lambda r: _(STATUS_LABELS[r[1].status])),
    ]


def export_fulfilment(agreement: Agreement, rows) -> bytes:
    columns = fulfilment_columns()
    flat = [(item, cell) for item, cells in rows for cell in cells]
    return write_xlsx(title=_("协议履约情况"), columns=columns, rows=export_rows(columns, flat))
