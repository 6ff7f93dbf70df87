"""Reading an upload into rows of text: .csv here, workbooks in a child process
(``core/sheet_reader.py``) after the file's size, zip entries and sheet extent are checked."""

import csv
import datetime as dt
import io
import json
import logging
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path, PurePath
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wulian.core import sheet_reader
from wulian.core.spreadsheets.writing import INSTRUCTIONS_SHEET, LISTS_SHEET
from wulian.core.text import strip_controls

ACCEPTED_EXTENSIONS = ("xlsx", "xls", "ods", "csv")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_TYPED = (type(None), bool, int, float, dt.date, dt.time)  # what calamine gives besides text

logger = logging.getLogger(__name__)


class SpreadsheetError(ValueError):
    """The upload cannot be read as a table; the message is for the user."""


def cell_text(value: Any) -> str:
    """One cell as the text the user typed (as closely as the file allows): numbers, dates and
    times as the child reader writes them (``sheet_reader.cell_text``), text without control
    characters."""
    if isinstance(value, _TYPED):
        return sheet_reader.cell_text(value)
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
            _("不支持的文件类型“%(ext)s”：请上传 .xlsx、.xls、.ods 或 .csv 文件。")
            % {"ext": ext or "—"}
        )
    if not data:
        raise SpreadsheetError(_("文件是空的。"))
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(
            _("文件过大：不能超过 %(mb)d MB。") % {"mb": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    if ext == "csv":
        return [[cell_text(v) for v in row] for row in _read_csv(data)]
    if ext in ("xlsx", "ods"):
        _check_zip(data, ext)
    return _read_workbook(data, ext)


def _too_many_rows(found: int) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "文件的行数超出上限：第%(row)d行仍有数据，最多读取%(max)d行。一次最多导入5000行，请分批导入。"
        )
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
    command = [
        sys.executable,
        "-I",
        str(Path(sheet_reader.__file__)),
        ext,
        str(MAX_SHEET_ROWS),
        str(MAX_SHEET_COLUMNS),
        json.dumps(skip, ensure_ascii=False),
    ]
    try:
        # this interpreter running our own reader, fixed arguments; the upload is only its stdin
        done = subprocess.run(  # noqa: S603
            command,
            input=data,
            capture_output=True,
            timeout=READ_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SpreadsheetError(_("文件读取超时：文件过大或结构异常，请检查后重新上传。")) from None
    try:
        result = (
            json.loads(done.stdout.decode("utf-8"))
            if done.returncode == 0
            else {"error": "crashed"}
        )
    except (UnicodeDecodeError, json.JSONDecodeError):
        result = {"error": "crashed"}
    error = result.get("error")
    if error is None:
        return [[strip_controls(cell) for cell in row] for row in result["rows"]]
    if error == "no_sheet":
        raise SpreadsheetError(_("文件中没有可读取的数据工作表。"))
    if error == "too_large":
        raise SpreadsheetError(
            _(
                "文件的数据范围过大：最多读取%(rows)d行、%(cols)d列。一次最多导入5000行，请分批导入。"
            )
            % {"rows": MAX_SHEET_ROWS, "cols": MAX_SHEET_COLUMNS}
        )
    if error == "crashed":
        logger.warning(
            "spreadsheet reader ended with code %s: %s",
            done.returncode,
            done.stderr[-300:].decode("utf-8", "replace").splitlines()[:1],
        )
        raise SpreadsheetError(
            _("文件无法读取：数据范围过大或文件已损坏。请另存为新的 .xlsx 文件后重新上传。")
        )
    raise SpreadsheetError(_(_UNREADABLE))
