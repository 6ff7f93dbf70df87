"""Excel export of every table on a dashboard: one workbook, one sheet per table."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from wulian.figures import selectors

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(v):
    return "'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v


def _sheet(book, title, headers, rows):
    ws = book.create_sheet(title[:31])
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="B71C1C")
    for row in rows:
        ws.append([_safe(v) for v in row])
    for col in ws.columns:
        ws.column_dimensions[col[0].column_letter].width = max(
            12, min(40, 2 * max(len(str(c.value or "")) for c in col))
        )


def export_dashboard(d: selectors.Dashboard) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        _("汇总指标"),
        [_("类别"), _("指标"), _("数值")],
        [(title, label, value) for title, items in d.sections for _k, label, value in items],
    )
    _sheet(
        book,
        _("下级区域"),
        [_("代码"), _("名称")] + [label for _k, label in d.headline],
        [[c.code, c.name] + [v.get(k, 0) for k, _l in d.headline] for c, v in d.children],
    )
    if d.functional:
        _sheet(
            book,
            _("功能区"),
            [_("类型"), _("名称"), _("管辖街道")] + [label for _k, label in d.headline],
            [
                [fa.get_kind_display(), fa.name, "、".join(s.name for s in fa.streets.all())]
                + [v.get(k, 0) for k, _l in d.headline]
                for fa, v in d.functional
            ],
        )
    periods, values = selectors.trend(d.area)
    labels = {k: str(label) for _t, items in selectors.SECTIONS for k, label in items}
    _sheet(
        book,
        _("月度趋势"),
        [_("指标")] + periods,
        [[labels.get(k, k)] + v for k, v in values.items()],
    )
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
