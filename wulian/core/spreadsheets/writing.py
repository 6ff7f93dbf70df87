"""Writing templates and exports as .xlsx (openpyxl): text columns, styled headers, drop-down
lists, an instructions sheet, and every text cell neutralised against formulas."""

import datetime as dt
import decimal
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from wulian.core.text import strip_controls, visible_controls

INSTRUCTIONS_SHEET = gettext_noop("填写说明")
LISTS_SHEET = "_lists"
TEXT_FORMAT = "@"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
TEMPLATE_ROWS = 2000  # rows of the template that carry drop-downs
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="B71C1C")
_REQUIRED_FILL = PatternFill("solid", fgColor="7F1D1D")
_THIN = Side(style="thin", color="BBBBBB")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def neutralise(value: str) -> str:
    """Text as an .xlsx may hold it: control characters shown as their Control Pictures
    (``core.text.visible_controls``), and text that a spreadsheet program would read as a
    formula with a leading single quote."""
    value = visible_controls(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unneutralise(value: str) -> str:
    """A cell of an exported file as it was stored: the single quote ``neutralise`` put before
    text that would read as a formula taken off again (an import reads it back as text)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value


def _cell_value(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, int | float | decimal.Decimal | dt.date):
        return value
    return neutralise(str(value))


@dataclass(frozen=True)
class Column:
    """A column of a written sheet."""

    header: str
    width: int = 16
    text: bool = False  # formatted as text ('@'): codes, phone and ID numbers
    required: bool = False  # marked with "*" in templates
    choices: Sequence[str] = ()  # a drop-down list in templates
    note: str = ""  # a line of the instructions sheet

    @property
    def title(self) -> str:
        return f"*{self.header}" if self.required else str(self.header)


def _header_cells(ws: Any, columns: Sequence[Column]) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=neutralise(column.title))
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = _CENTER
        cells.append(cell)
    return cells


def _size_columns(ws: Any, columns: Sequence[Column]) -> None:
    for i, column in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = column.width
        if column.text:
            dim.number_format = TEXT_FORMAT


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(
    *,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    out: IO[bytes] | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """An export: one sheet, styled header, text columns as text, every text cell neutralised.
    Written in openpyxl's write-only mode, row by row from ``rows`` (give it an iterator), so
    memory stays flat as rows grow. With ``out`` the workbook goes to that file and nothing is
    returned; ``progress(n)`` is called after each row written."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(title=_sheet_title(title))
    _size_columns(ws, columns)
    ws.freeze_panes = "A2"
    ws.append(_header_cells(ws, columns))
    for written, row in enumerate(rows, start=1):
        cells = []
        for column, value in zip(columns, row, strict=True):
            value = _cell_value(value)
            if column.text:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = TEXT_FORMAT
            elif isinstance(value, dt.datetime):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATETIME_FORMAT
            else:
                cell = value  # a plain value: openpyxl makes the cell, no style to carry
            cells.append(cell)
        ws.append(cells)
        if progress is not None:
            progress(written)
    if out is not None:
        book.save(out)
        return b""
    return _save(book)


def write_template(*, title: str, columns: Sequence[Column], notes: Sequence[str] = ()) -> bytes:
    """An import template: the data sheet (header, text columns, drop-downs) and the
    instructions sheet (general notes, then one line per column)."""
    book = Workbook()
    ws = book.active
    ws.title = _sheet_title(title)
    _size_columns(ws, columns)
    ws.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=neutralise(column.title))
        cell.font, cell.border, cell.alignment = _HEADER_FONT, _HEADER_BORDER, _CENTER
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
    lists = None
    for i, column in enumerate(columns, start=1):
        if not column.choices:
            continue
        if lists is None:
            lists = book.create_sheet(LISTS_SHEET)
            lists.sheet_state = "hidden"
        letter = get_column_letter(i)
        for r, choice in enumerate(column.choices, start=1):
            lists.cell(row=r, column=i, value=neutralise(str(choice)))
        validation = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(column.choices)}",
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle=_("输入有误"),
            error=_("请从下拉列表中选择。"),
        )
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(validation)
    _instructions_sheet(book, title, columns, notes)
    return _save(book)


def _instructions_sheet(
    book: Workbook, title: str, columns: Sequence[Column], notes: Sequence[str]
) -> None:
    ws = book.create_sheet(_(INSTRUCTIONS_SHEET), index=1)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 70
    ws.append([_("%(t)s：填写说明") % {"t": title}])
    ws["A1"].font = Font(bold=True, size=14)
    general = [
        _("1. 请在“%(s)s”工作表中填写，第1行为表头，请勿修改表头，从第2行开始每行填写一条。")
        % {"s": _sheet_title(title)},
        _("2. 表头带“*”的列为必填项。"),
        _(
            "3. 代码、电话、身份证号等列已设为文本格式，请勿改为数字格式，以免丢失开头的0或末尾数字。"
        ),
        _("4. 带下拉列表的列请从列表中选择。"),
        _("5. 默认只要有一行错误就不导入任何数据；预览时可选择“跳过错误行”，只导入正确的行。"),
        _("6. 支持 .xlsx、.xls、.ods 和 .csv（UTF-8 或 GBK 编码）文件。"),
    ]
    for line in [*general, *notes]:
        ws.append([neutralise(str(line))])
    ws.append([])
    ws.append([_("列名"), _("是否必填"), _("说明")])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER
    for column in columns:
        note = str(column.note)
        if column.choices:
            note = (note + " " if note else "") + _("可选值：%(v)s") % {
                "v": "、".join(str(c) for c in column.choices)
            }
        ws.append(
            [
                neutralise(column.title),
                _("必填") if column.required else _("选填"),
                neutralise(note),
            ]
        )
        ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")


def _sheet_title(title: str) -> str:
    """Excel refuses sheet titles longer than 31 characters or holding []:*?/\\."""
    cleaned = "".join(c for c in strip_controls(str(title)) if c not in "[]:*?/\\")
    return cleaned[:31] or "Sheet1"


# ----------------------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportColumn(Column):
    """A column of an export: how to get its value from one object."""

    value: Callable[[Any], Any] = lambda obj: ""


def choice_labels(choices: Any) -> Callable[[Any], str]:
    """A choices class's labels, translated once per export (``get_FOO_display`` translates and
    hashes the whole choice list on every row): ``category = choice_labels(Category)``."""
    labels = {value: str(label) for value, label in choices.choices}
    return lambda value: labels.get(value, "" if value is None else str(value))


def export_rows(columns: Sequence[ExportColumn], objects: Iterable[Any]) -> Iterable[list[Any]]:
    for obj in objects:
        yield [column.value(obj) for column in columns]


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """A written workbook as a download, named ``filename`` (an ASCII name for old clients)."""
    response = HttpResponse(data, content_type=XLSX)
    ascii_name = filename if filename.isascii() else "export.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
