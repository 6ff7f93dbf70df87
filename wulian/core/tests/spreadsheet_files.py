"""Real spreadsheet files for tests: .xlsx (or the same bytes named .xls), .csv in any encoding."""

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook


def xlsx_bytes(
    rows: Sequence[Sequence[Any]], *, sheet: str = "数据", text_columns: Sequence[int] = ()
) -> bytes:
    """An .xlsx whose first sheet holds the rows as typed (a string starting with "=" becomes
    a real formula cell, as when a user types it in Excel)."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for column in text_columns:
        for cells in ws.iter_cols(min_col=column, max_col=column, min_row=2):
            for cell in cells:
                cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def read_xlsx(data: bytes) -> list[list[Any]]:
    """The first sheet of an .xlsx as rows of raw cell values."""
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def post_upload(client, url: str, data: bytes, name: str = "导入.xlsx"):
    """Upload a file to an import page; the response is the preview (or the upload form)."""
    return client.post(url, {"file": upload(name, data)})


def post_confirm(client, url: str, preview, *, skip_errors: bool = False):
    body = {"token": preview.context["token"]}
    if skip_errors:
        body["skip_errors"] = "1"
    return client.post(url, body)


def row_errors(response) -> list[tuple[int, str, str]]:
    """The preview's row errors as (row number, column header, reason)."""
    return [(e.row, e.column, e.message) for e in response.context["result"].errors]
