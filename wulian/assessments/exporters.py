"""The table the organisation department uses: rows = assessed orgs, columns = indicators with
their weights, the weighted total, the rank (ties share it) and the 述职 grade."""

from django.utils.translation import gettext as _

from wulian.assessments.selectors import Table
from wulian.core.spreadsheets import Column, write_xlsx


def _cell(value):
    return "" if value is None else float(value)


def export_table(t: Table) -> bytes:
    columns = [
        Column(_("序号"), width=6),
        Column(_("考核单位"), width=34),
        Column(_("所在区域"), width=16),
        Column(_("区域代码"), width=16, text=True),
    ]
    columns += [
        Column(_("%(n)s（权重%(w)d%%）") % {"n": i.name, "w": i.weight}, width=18)
        for i in t.indicators
    ]
    columns += [
        Column(_("加权总分"), width=10),
        Column(_("排名"), width=6),
        Column(_("述职评议等次"), width=12),
        Column(_("述职评议得分"), width=12),
    ]
    rows = []
    for n, row in enumerate(t.rows, start=1):
        grade = row.report.get_grade_display() if row.report and row.report.grade else ""
        score = row.report.score if row.report else None
        rows.append(
            [
                n,
                row.org.name,
                row.area.name,
                row.area.code,
                *[_cell(s) for s in row.scores],
                float(row.total),
                row.rank,
                grade,
                _cell(score),
            ]
        )
    return write_xlsx(title=t.system.name[:28] or _("政绩考核"), columns=columns, rows=rows)
