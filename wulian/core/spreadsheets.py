"""Spreadsheets in and out: read any accepted upload into rows of text; write templates and
exports as .xlsx with text columns, styled headers, drop-down lists and neutralised formulas.

Reading uses python-calamine (.xlsx, .xls, .ods; in a child process with memory and CPU limits, after the file's extent is checked) and the csv module (UTF-8 with or without BOM,
or GBK). Every cell comes back as text: calamine gives floats for numbers (13800001111.0 is
"13800001111"), dates for dates ("2024-01-05"). A formula is never evaluated: in .xlsx its
formula text (``=HYPERLINK(...)``) is read instead of the cached result.

Writing uses openpyxl. Any text cell that a spreadsheet program could take for a formula
(starting with = + - @, a tab or a carriage return) is prefixed with a single quote.
"""

import csv
import datetime as dt
import decimal
import io
import json
import logging
import re
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from wulian.core.text import strip_controls, visible_controls

ACCEPTED_EXTENSIONS = ("xlsx", "xls", "ods", "csv")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
INSTRUCTIONS_SHEET = gettext_noop("填写说明")
LISTS_SHEET = "_lists"
TEXT_FORMAT = "@"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
TEMPLATE_ROWS = 2000  # rows of the template that carry drop-downs
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

logger = logging.getLogger(__name__)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="B71C1C")
_REQUIRED_FILL = PatternFill("solid", fgColor="7F1D1D")
_THIN = Side(style="thin", color="BBBBBB")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class SpreadsheetError(ValueError):
    """The upload cannot be read as a table; the message is for the user."""


# ---------------------------------------------------------------------------------------- reading


def cell_text(value: Any) -> str:
    """One cell as the text the user typed (as closely as the file allows)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(decimal.Decimal(repr(value)), "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    return strip_controls(str(value)).strip()


def extension_of(filename: str) -> str:
    return PurePath(filename or "").suffix.lower().lstrip(".")


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The data sheet of an upload as rows of text; ``rows[i]`` is spreadsheet row ``i + 1``.

    The data sheet is the first visible sheet that is not the instructions sheet. Nothing a file
    does can take down the process that reads it: the file's size, a zip's entries and declared
    sizes, and an .xlsx sheet's extent (the last row and column holding data) are checked before
    anything is parsed, and workbooks are parsed in a child process with its own memory and CPU
    limits (``sheet_reader.py``)."""
    ext = extension_of(filename)
    if ext not in ACCEPTED_EXTENSIONS:
        raise SpreadsheetError(
            _("不支持的文件类型“%(ext)s”：请上传 .xlsx、.xls、.ods 或 .csv 文件。") % {"ext": ext or "—"}
        )
    if not data:
        raise SpreadsheetError(_("文件是空的。"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(_("文件过大：不能超过 %(mb)d MB。") % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024})
    if ext == "csv":
        return [[cell_text(v) for v in row] for row in _read_csv(data)]
    if ext in ("xlsx", "ods"):
        _check_zip(data, ext)
    return _read_workbook(data, ext)


def _too_many_rows(found: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("文件的行数超出上限：第%(row)d行仍有数据，最多读取%(max)d行。一次最多导入5000行，请分批导入。")
        % {"row": found, "max": MAX_SHEET_ROWS}
    )


def _read_csv(data: bytes) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(_("文件不是有效的 CSV 表格（含有二进制内容）。"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(_("无法识别 CSV 文件的编码：请保存为 UTF-8 或 GBK 编码。"))
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if len(rows) >= MAX_SHEET_ROWS:
                raise _too_many_rows(len(rows) + 1)
            if len(row) > MAX_SHEET_COLUMNS:
                raise SpreadsheetError(
                    _("第%(row)d行有%(n)d列，超出上限（最多%(max)d列）。")
                    % {"row": len(rows) + 1, "n": len(row), "max": MAX_SHEET_COLUMNS}
                )
            rows.append(row)
    except csv.Error as exc:
        raise SpreadsheetError(_("CSV 文件格式错误：%(e)s") % {"e": exc}) from None
    return rows


# What an .xlsx/.ods may hold before it is parsed: a template holds a few dozen entries and a
# few megabytes once inflated; these bounds leave room for real files and refuse zip bombs.
MAX_SHEET_ROWS = 5100  # the import engine takes 5,000 data rows under a header
MAX_SHEET_COLUMNS = 200
MAX_ZIP_ENTRIES = 2000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
READ_TIMEOUT_SECONDS = 20
_UNREADABLE = gettext_noop(
    "无法读取文件：它不是有效的 .xlsx、.xls 或 .ods 电子表格（可能已损坏或只是改了扩展名）。"
)
_CELL_OR_ROW = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>")
_REF_ATTR = re.compile(rb"\br=\"([A-Z]{1,3})?([0-9]{1,7})\"")


def _check_zip(data: bytes, ext: str) -> None:
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        entries = book.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError(_(_UNREADABLE)) from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError(
            _("文件解压后过大（超过 %(mb)d MB 或 %(n)d 个部件），不能导入。")
            % {"mb": MAX_UNCOMPRESSED_BYTES // 1024 // 1024, "n": MAX_ZIP_ENTRIES}
        )
    if ext == "xlsx":
        for entry in entries:
            if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml"):
                _check_sheet_extent(book, entry)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


def _check_sheet_extent(book: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Stream one worksheet's XML and refuse it as soon as a cell holding data lies beyond the
    rows or columns the reader accepts (a reader sizes its grid by the farthest cell, so one cell
    at XFD1048576 would ask for half a terabyte)."""
    row = column = 0
    tail = b""
    try:
        with book.open(entry) as stream:
            while chunk := stream.read(1024 * 1024):
                buffer = tail + chunk
                cut = buffer.rfind(b"<")
                if cut != -1 and buffer.find(b">", cut) == -1:
                    buffer, tail = buffer[:cut], buffer[cut:]
                else:
                    tail = b""
                for tag, attrs, empty in _CELL_OR_ROW.findall(buffer):
                    ref = _REF_ATTR.search(attrs)
                    if tag == b"row":
                        row = int(ref.group(2)) if ref else row + 1
                        column = 0
                        continue
                    if ref and ref.group(1):
                        column, row = _column_number(ref.group(1)), int(ref.group(2))
                    else:
                        column += 1
                    if empty:  # <c .../> holds no value: a formatted, empty cell
                        continue
                    if row > MAX_SHEET_ROWS:
                        raise _too_many_rows(row)
                    if column > MAX_SHEET_COLUMNS:
                        raise SpreadsheetError(
                            _("第%(row)d行第%(col)d列有数据，超出可读取的范围（最多%(max)d列）。")
                            % {"row": row, "col": column, "max": MAX_SHEET_COLUMNS}
                        )
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise SpreadsheetError(_(_UNREADABLE)) from None


def _read_workbook(data: bytes, ext: str) -> list[list[Any]]:
    skip = [INSTRUCTIONS_SHEET, _(INSTRUCTIONS_SHEET), LISTS_SHEET]
    command = [sys.executable, "-I", str(Path(__file__).with_name("sheet_reader.py")), ext,
               str(MAX_SHEET_ROWS), str(MAX_SHEET_COLUMNS), json.dumps(skip, ensure_ascii=False)]
    try:
        # this interpreter running our own reader, fixed arguments; the upload is only its stdin
        done = subprocess.run(command, input=data, capture_output=True,  # noqa: S603
                              timeout=READ_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise SpreadsheetError(_("文件读取超时：文件过大或结构异常，请检查后重新上传。")) from None
    try:
        result = json.loads(done.stdout.decode("utf-8")) if done.returncode == 0 else {"error": "crashed"}
    except (UnicodeDecodeError, json.JSONDecodeError):
        result = {"error": "crashed"}
    error = result.get("error")
    if error is None:
        return [[strip_controls(cell) for cell in row] for row in result["rows"]]
    if error == "no_sheet":
        raise SpreadsheetError(_("文件中没有可读取的数据工作表。"))
    if error == "too_large":
        raise SpreadsheetError(
            _("文件的数据范围过大：最多读取%(rows)d行、%(cols)d列。一次最多导入5000行，请分批导入。")
            % {"rows": MAX_SHEET_ROWS, "cols": MAX_SHEET_COLUMNS}
        )
    if error == "crashed":
        logger.warning("spreadsheet reader ended with code %s: %s", done.returncode,
                       done.stderr[-300:].decode("utf-8", "replace").splitlines()[:1])
        raise SpreadsheetError(
            _("文件无法读取：数据范围过大或文件已损坏。请另存为新的 .xlsx 文件后重新上传。")
        )
    raise SpreadsheetError(_(_UNREADABLE))


# ---------------------------------------------------------------------------------------- writing


def neutralise(value: str) -> str:
    """Text as an .xlsx may hold it: control characters shown as their Control Pictures
    (``core.text.visible_controls``), and text that a spreadsheet program would read as a
    formula with a leading single quote."""
    value = visible_controls(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


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


def write_xlsx(*, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]],
               out: IO[bytes] | None = None, progress: Callable[[int], None] | None = None) -> bytes:
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
            type="list", formula1=f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(column.choices)}",
            allow_blank=not column.required, showErrorMessage=True,
            errorTitle=_("输入有误"), error=_("请从下拉列表中选择。"),
        )
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(validation)
    _instructions_sheet(book, title, columns, notes)
    return _save(book)


def _instructions_sheet(book: Workbook, title: str, columns: Sequence[Column], notes: Sequence[str]) -> None:
    ws = book.create_sheet(_(INSTRUCTIONS_SHEET), index=1)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 70
    ws.append([_("%(t)s：填写说明") % {"t": title}])
    ws["A1"].font = Font(bold=True, size=14)
    general = [
        _("1. 请在“%(s)s”工作表中填写，第1行为表头，请勿修改表头，从第2行开始每行填写一条。") % {"s": _sheet_title(title)},
        _("2. 表头带“*”的列为必填项。"),
        _("3. 代码、电话、身份证号等列已设为文本格式，请勿改为数字格式，以免丢失开头的0或末尾数字。"),
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
            note = (note + " " if note else "") + _("可选值：%(v)s") % {"v": "、".join(str(c) for c in column.choices)}
        ws.append([neutralise(column.title), _("必填") if column.required else _("选填"), neutralise(note)])
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
