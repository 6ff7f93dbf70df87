"""Dispatch figures, rectifications and inquiries as .xlsx (shared writer: formulas neutralised)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import Column, ExportColumn, export_rows, write_xlsx
from wulian.dispatches.models import Dispatch, Rectification


def export_dispatch_figures(dispatch: Dispatch) -> bytes:
    figures = dispatch.figures or {}
    cols = figures.get("columns", [])
    columns = [Column(_("排名"), width=6), Column(_("单位"), width=30), Column(_("区域"), width=16)]
    columns += [Column(c["label"], width=12) for c in cols]
    columns.append(Column(_("按期完成率(%)"), width=14))
    rows = [
        [
            r.get("rank"),
            r["org"],
            r["area"],
            *[r["values"].get(c["key"]) for c in cols],
            r.get("rate"),
        ]
        for r in figures.get("rows", [])
    ]
    return write_xlsx(title=_("调度数据"), columns=columns, rows=rows)


def export_dispatches(dispatches: Iterable[Dispatch]) -> bytes:
    columns = [
        ExportColumn(_("文号"), width=22, value=lambda d: d.document_no),
        ExportColumn(_("标题"), width=50, value=lambda d: d.title),
        ExportColumn(_("范围"), width=14, value=lambda d: d.scope_area.name),
        ExportColumn(_("月份"), width=10, value=lambda d: f"{d.period:%Y-%m}"),
        ExportColumn(_("类型"), width=12, value=lambda d: d.get_kind_display()),
        ExportColumn(_("状态"), width=10, value=lambda d: d.get_status_display()),
        ExportColumn(_("发布时间"), width=18, value=lambda d: d.published_at),
        ExportColumn(_("文件SM3"), width=66, text=True, value=lambda d: d.pdf_sm3),
    ]
    return write_xlsx(title=_("调度通报"), columns=columns, rows=export_rows(columns, dispatches))


def export_rectifications(rects: Iterable[Rectification]) -> bytes:
    columns = [
        ExportColumn(_("整改单位"), width=30, value=lambda r: r.org.name),
        ExportColumn(_("通报文号"), width=22, value=lambda r: r.criticism.dispatch.document_no),
        ExportColumn(_("存在问题"), width=50, value=lambda r: r.criticism.failure),
        ExportColumn(_("整改期限"), width=12, value=lambda r: r.deadline),
        ExportColumn(_("状态"), width=14, value=lambda r: r.get_status_display()),
        ExportColumn(
            _("升级至"), width=30, value=lambda r: r.escalated_to.name if r.escalated_to_id else ""
        ),
    ]
    return write_xlsx(title=_("限期整改"), columns=columns, rows=export_rows(columns, rects))
