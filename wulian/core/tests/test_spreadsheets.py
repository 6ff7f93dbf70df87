import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from wulian.core.spreadsheets import (
    Column,
    ExportColumn,
    SpreadsheetError,
    cell_text,
    export_rows,
    neutralise,
    read_table,
    write_template,
    write_xlsx,
)
from wulian.core.tests.spreadsheet_files import csv_bytes, read_xlsx, xlsx_bytes

ROWS = [["姓名", "电话", "日期"], ["王建国", 13800001111, dt.date(2024, 1, 5)]]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (13800001111.0, "13800001111"),
        (1.5, "1.5"),
        (0.00001, "0.00001"),
        (42, "42"),
        (True, "TRUE"),
        (dt.date(2024, 1, 5), "2024-01-05"),
        (dt.datetime(2024, 1, 5), "2024-01-05"),  # noqa: DTZ001 (a cell's date and time: naive)
        (dt.datetime(2024, 1, 5, 8, 30, 15, 999), "2024-01-05 08:30:15"),  # noqa: DTZ001 (a naive cell)
        (dt.time(8, 30), "08:30:00"),
        (None, ""),
        ("  西华门社区\u3000", "西华门社区"),
    ],
)
def test_cells_are_read_as_the_text_the_user_typed(value, text):
    assert cell_text(value) == text


def test_xlsx_numbers_and_dates_come_back_as_text():
    assert read_table(xlsx_bytes(ROWS), "人员.xlsx") == [
        ["姓名", "电话", "日期"],
        ["王建国", "13800001111", "2024-01-05"],
    ]


def test_xlsx_bytes_named_xls_are_read_by_content():
    assert read_table(xlsx_bytes(ROWS), "人员.XLS")[1] == ["王建国", "13800001111", "2024-01-05"]


def _ods(rows: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes it."""
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="数据">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def test_ods_is_read():
    assert read_table(_ods([["姓名", "电话"], ["王建国", "13800001111"]]), "人员.ods") == [
        ["姓名", "电话"],
        ["王建国", "13800001111"],
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_is_read_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    data = csv_bytes([["姓名", "电话"], ["黉门街社区居民", "13800001111"]], encoding=encoding)
    assert read_table(data, "人员.csv") == [["姓名", "电话"], ["黉门街社区居民", "13800001111"]]


def test_formula_cell_is_read_as_its_text_never_its_result():
    rows = read_table(xlsx_bytes([["名称"], ['=HYPERLINK("http://x","y")']]), "a.xlsx")
    assert rows == [["名称"], ['=HYPERLINK("http://x","y")']]


def test_instructions_sheet_is_skipped_when_it_comes_first():
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "填写说明"
    book.active.append(["请从第2行开始填写"])
    book.create_sheet("数据").append(["姓名"])
    out = io.BytesIO()
    book.save(out)
    assert read_table(out.getvalue(), "a.xlsx") == [["姓名"]]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF-1.4", "不支持的文件类型“pdf”"),
        ("a.xlsx", b"%PDF-1.4 not a workbook", "不是有效的 .xlsx、.xls 或 .ods 电子表格"),
        ("a.xls", b"PK\x03\x04 broken zip", "不是有效的 .xlsx、.xls 或 .ods 电子表格"),
        ("a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是有效的 CSV 表格"),
        ("a.xlsx", b"", "文件是空的"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(name, data, message):
    with pytest.raises(SpreadsheetError) as exc:
        read_table(data, name)
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+86 138", "'+86 138"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("西华门社区", "西华门社区"),
        ("a=1", "a=1"),
    ],
)
def test_text_that_could_be_a_formula_is_neutralised(value, safe):
    assert neutralise(value) == safe


def test_export_keeps_formulas_as_text_codes_as_text_and_times_in_shanghai():
    columns = [
        ExportColumn("名称", value=lambda o: o["name"]),
        ExportColumn("代码", text=True, value=lambda o: o["code"]),
        ExportColumn("时间", value=lambda o: o["at"]),
        ExportColumn("党员", value=lambda o: o["member"]),
    ]
    at = dt.datetime(2026, 1, 1, 0, 30, tzinfo=dt.UTC)
    objects = [{"name": "=1+1", "code": "0510105003003", "at": at, "member": True}]
    data = write_xlsx(title="导出", columns=columns, rows=export_rows(columns, objects))
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    assert [c.value for c in ws[1]] == ["名称", "代码", "时间", "党员"]
    name, code, when, member = ws[2]
    assert (name.value, name.data_type) == ("'=1+1", "s")
    assert (code.value, code.number_format) == ("0510105003003", "@")
    assert when.value == dt.datetime(2026, 1, 1, 8, 30)  # noqa: DTZ001 (cells hold local time, naive)
    assert member.value == "是"
    assert ws.column_dimensions["B"].number_format == "@"
    assert ws.freeze_panes == "A2"
    assert timezone.is_aware(at)


def test_template_has_marked_required_headers_text_columns_dropdowns_and_instructions():
    columns = [
        Column("名称", required=True),
        Column("类别", required=True, choices=["事业单位", "=evil"]),
        Column("区域代码", text=True, note="12位"),
    ]
    book = load_workbook(
        io.BytesIO(write_template(title="组织导入", columns=columns, notes=["另注"]))
    )
    assert book.sheetnames == ["组织导入", "填写说明", "_lists"]
    data, instructions, lists = book.worksheets
    assert [c.value for c in data[1]] == ["*名称", "*类别", "区域代码"]
    assert data.column_dimensions["C"].number_format == "@"
    assert lists.sheet_state == "hidden"
    assert [lists.cell(row=r, column=2).value for r in (1, 2)] == ["事业单位", "'=evil"]
    (validation,) = data.data_validations.dataValidation
    assert (validation.type, validation.formula1, str(validation.sqref)) == (
        "list",
        "'_lists'!$B$1:$B$2",
        "B2:B2001",
    )
    lines = [row[0] for row in instructions.iter_rows(values_only=True)]
    assert "另注" in lines
    assert ("区域代码", "选填", "12位") in list(instructions.iter_rows(values_only=True))
    # The template reads back as its own header row: an empty template imports nothing.
    assert read_xlsx(write_template(title="组织导入", columns=columns))[0] == [
        "*名称",
        "*类别",
        "区域代码",
    ]
