"""Issue 16, defect 2: a 4.7 KB .xlsx with one cell at XFD1048576 made the reader allocate
512 GB and abort the whole worker; a million-row sheet cost 30 s of CPU before the 5,000-row
limit was checked. Hostile files are refused quickly, with a clear message, and the process that
reads them keeps serving."""

import io
import zipfile

import pytest
from django.urls import reverse

from wulian.core import spreadsheets
from wulian.core.spreadsheets import SpreadsheetError, read_table
from wulian.core.tests.spreadsheet_files import post_upload, xlsx_bytes


def _with_sheet_data(rows_xml: bytes) -> bytes:
    """An .xlsx whose first sheet's <sheetData> is the given XML, written as Excel writes it."""
    plain = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["姓名"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for entry in plain.infolist():
            data = plain.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                head, rest = data.split(b"<sheetData>")
                data = (
                    head
                    + b"<sheetData>"
                    + rows_xml
                    + b"</sheetData>"
                    + rest.split(b"</sheetData>")[1]
                )
            book.writestr(entry, data)
    return out.getvalue()


def far_cell() -> bytes:
    """4.7 KB: a header and one cell at the last cell Excel has."""
    return _with_sheet_data(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'.encode()
        + b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )


def million_rows() -> bytes:
    return _with_sheet_data(b"<row><c><v>1</v></c></row>" * 1_000_000)


def test_the_far_cell_file_is_small_and_refused_naming_the_row():
    data = far_cell()
    assert len(data) < 6000
    with pytest.raises(SpreadsheetError) as caught:
        read_table(data, "人员.xlsx")
    assert "第1048576行仍有数据" in str(caught.value)
    assert "5100" in str(caught.value)


def test_a_cell_far_to_the_right_is_refused_naming_its_column():
    data = _with_sheet_data(b'<row r="2"><c r="XFD2"><v>1</v></c></row>')
    with pytest.raises(SpreadsheetError) as caught:
        read_table(data, "人员.xlsx")
    assert str(caught.value) == "第2行第16384列有数据，超出可读取的范围（最多200列）。"


def test_a_million_row_sheet_under_the_upload_limit_is_refused_before_it_is_parsed():
    data = million_rows()
    assert len(data) < spreadsheets.MAX_UPLOAD_BYTES
    with pytest.raises(SpreadsheetError) as caught:
        read_table(data, "人员.xlsx")
    assert "第5101行仍有数据" in str(caught.value)


def test_formatted_empty_cells_far_away_do_not_count_as_data():
    data = _with_sheet_data(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'.encode()
        + b'<row r="9000" s="1" customFormat="1"><c r="ZZ9000" s="1"/></row>'
    )
    assert read_table(data, "人员.xlsx") == [["姓名"]]


def test_a_zip_bomb_is_refused_from_its_declared_sizes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("xl/sharedStrings.xml", b"\0" * (spreadsheets.MAX_UNCOMPRESSED_BYTES + 1))
    with pytest.raises(SpreadsheetError) as caught:
        read_table(out.getvalue(), "人员.xlsx")
    assert "解压后过大" in str(caught.value)


def test_a_reader_that_aborts_ends_only_its_child_process():
    """Past the checks (as an .xls or .ods could be), the reader runs in a child process: the
    allocation that used to abort the worker kills the child, and this process answers."""
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheets._read_workbook(far_cell(), "xlsx")
    assert "数据范围过大或文件已损坏" in str(caught.value)
    assert read_table(xlsx_bytes([["姓名"], ["张三"]]), "人员.xlsx") == [["姓名"], ["张三"]]


def test_a_million_row_csv_is_refused_at_the_row_limit():
    data = b"a\n" * 1_000_000
    with pytest.raises(SpreadsheetError) as caught:
        read_table(data, "人员.csv")
    assert "第5101行仍有数据" in str(caught.value)


def test_the_import_page_refuses_the_hostile_file_and_keeps_serving(client, world, login):
    login("xihuamen_admin")
    url = reverse("people:import")
    response = post_upload(client, url, far_cell(), "人员.xlsx")
    assert response.status_code == 200
    assert "第1048576行仍有数据" in response.content.decode()
    assert client.get(url).status_code == 200
