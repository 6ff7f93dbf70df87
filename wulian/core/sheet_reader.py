"""Read one workbook in a child process, so that nothing a file does can take down a worker.

Run as ``python sheet_reader.py EXT MAX_ROWS MAX_COLUMNS SKIP_SHEETS_JSON`` with the file on standard input; it
limits its own memory and CPU time before it imports the readers, then prints one JSON object:
``{"rows": [[text, ...], ...]}`` or ``{"error": CODE, ...}``. A reader that aborts (as
calamine does when a sheet's cells would need more memory than the limit allows) ends only this
process; the parent (:func:`wulian.core.spreadsheets.read_table`) turns that into a refusal.

This file is self-contained (standard library, python-calamine and openpyxl only): it must not
import Django or any wulian module.
"""

import datetime as dt
import decimal
import io
import json
import resource
import sys
import zipfile

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space
CPU_SECONDS = 10


def cell_text(value: object) -> str:
    """One cell as the text the user typed; ``spreadsheets.cell_text`` reads cells that are not text
    through this one."""
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
    return str(value).strip()


def read(data: bytes, ext: str, max_rows: int, max_columns: int, skip: list[str]) -> dict:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [
            m.name
            for m in book.sheets_metadata
            if m.visible == SheetVisibleEnum.Visible and m.name not in skip
        ]
        if not names:
            return {"error": "no_sheet"}
        sheet = book.get_sheet_by_name(names[0])
        if sheet.height > max_rows or sheet.width > max_columns:
            return {"error": "too_large", "rows": sheet.height, "columns": sheet.width}
        rows = sheet.to_python(skip_empty_area=False)
    except MemoryError:
        return {"error": "too_large"}
    except Exception:  # calamine raises several types for files it cannot parse
        return {"error": "unreadable"}
    if ext == "xlsx":
        _overlay_formulas(data, names[0], rows, max_rows, max_columns)
    return {"rows": [[cell_text(v) for v in row] for row in rows]}


def _overlay_formulas(data: bytes, sheet: str, rows: list, max_rows: int, max_columns: int) -> None:
    """Put each formula's own text where calamine gave its cached result: a formula is data the
    user typed, never something to evaluate."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return
    try:
        for r, row in enumerate(book[sheet].iter_rows(max_row=max_rows, max_col=max_columns)):
            for c, cell in enumerate(row):
                if getattr(cell, "data_type", None) == "f" and isinstance(cell.value, str):
                    while len(rows) <= r:
                        rows.append([])
                    while len(rows[r]) <= c:
                        rows[r].append("")
                    rows[r][c] = cell.value
    except Exception:  # a formula overlay is a courtesy: the values stand without it
        return
    finally:
        book.close()


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    ext, max_rows, max_columns, skip = (
        sys.argv[1],
        int(sys.argv[2]),
        int(sys.argv[3]),
        json.loads(sys.argv[4]),
    )
    result = read(sys.stdin.buffer.read(), ext, max_rows, max_columns, skip)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
