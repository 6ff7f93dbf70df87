"""Excel exports: the results for leaders' performance assessment (政绩考核), one row per org."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_xlsx(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = title[:31]
    ws.append([str(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="B71C1C")
    for row in rows:
        ws.append([_safe(v) for v in row])
    for col in ws.columns:
        width = max(len(str(c.value or "")) for c in col) + 4
        ws.column_dimensions[col[0].column_letter].width = min(50, max(10, width * 1.6))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def export_results(rnd, results) -> bytes:
    """One row per organization, table by table (units, streets, communities: each ranked apart,
    equal totals sharing a rank, marked 并列)."""
    from wulian.evaluations.selectors import ranking_tables

    group_labels = {"unit": _("驻区单位"), "street": _("街道"), "community": _("社区")}
    headers = [
        _("年度"),
        _("评议范围"),
        _("组织"),
        _("统一社会信用代码"),
        _("所在区域"),
        _("类别"),
        _("排名类别"),
        _("互评得分"),
        _("群众满意度得分"),
        _("服务实绩得分"),
        _("总分"),
        _("排名"),
        _("并列"),
        _("共驻共建先进单位"),
        _("答卷数"),
        _("冻结数据SM3摘要"),
    ]
    rows = (
        [
            rnd.year,
            rnd.scope.name,
            r.org.name,
            r.org.credit_code or "",
            r.area.name,
            r.get_side_display(),
            group_labels[group],
            r.criteria_score,
            r.satisfaction_score,
            r.service_score,
            r.total,
            r.rank,
            _("是") if r.tied else "",
            _("是") if r.exemplary else _("否"),
            (r.breakdown or {}).get("answers", 0),
            rnd.frozen_hash,
        ]
        for group, table in ranking_tables(list(results)).items()
        for r in table
    )
    return write_xlsx(title=_("政绩考核"), headers=headers, rows=rows)
