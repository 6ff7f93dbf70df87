"""Spreadsheets in and out: read any accepted upload into rows of text; write templates and
exports as .xlsx with text columns, styled headers, drop-down lists and neutralised formulas.

Reading uses python-calamine (.xlsx, .xls, .ods; in a child process with memory and CPU limits, after the file's extent is checked) and the csv module (UTF-8 with or without BOM,
or GBK). Every cell comes back as text: calamine gives floats for numbers (13800001111.0 is
"13800001111"), dates for dates ("2024-01-05"). A formula is never evaluated: in .xlsx its
formula text (``=HYPERLINK(...)``) is read instead of the cached result.

Writing uses openpyxl. Any text cell that a spreadsheet program could take for a formula
(starting with = + - @, a tab or a carriage return) is prefixed with a single quote.

``reading`` reads, ``writing`` writes; everything is imported from here.
"""

from wulian.core.spreadsheets.reading import (
    ACCEPTED_EXTENSIONS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_ZIP_ENTRIES,
    READ_TIMEOUT_SECONDS,
    SpreadsheetError,
    _read_workbook,
    cell_text,
    extension_of,
    read_table,
)
from wulian.core.spreadsheets.writing import (
    DATETIME_FORMAT,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_ROWS,
    TEXT_FORMAT,
    XLSX,
    Column,
    ExportColumn,
    _cell_value,
    _sheet_title,
    choice_labels,
    export_rows,
    neutralise,
    unneutralise,
    write_template,
    write_xlsx,
    xlsx_response,
)

__all__ = [
    "ACCEPTED_EXTENSIONS",
    "DATETIME_FORMAT",
    "INSTRUCTIONS_SHEET",
    "LISTS_SHEET",
    "MAX_SHEET_COLUMNS",
    "MAX_SHEET_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_UPLOAD_BYTES",
    "MAX_ZIP_ENTRIES",
    "READ_TIMEOUT_SECONDS",
    "TEMPLATE_ROWS",
    "TEXT_FORMAT",
    "XLSX",
    "Column",
    "ExportColumn",
    "SpreadsheetError",
    "_cell_value",
    "_read_workbook",
    "_sheet_title",
    "cell_text",
    "choice_labels",
    "export_rows",
    "extension_of",
    "neutralise",
    "unneutralise",
    "read_table",
    "write_template",
    "write_xlsx",
    "xlsx_response",
]
