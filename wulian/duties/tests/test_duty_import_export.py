import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from wulian.core.spreadsheets import read_table
from wulian.duties.importers import DutyImporter
from wulian.duties.models import Duty, DutyList

pytestmark = pytest.mark.django_db

HEADER = [
    "*牵头单位",
    "*清单类型",
    "*年度",
    "*事项",
    "完成标准",
    "责任人",
    "配合单位",
    "下达日期",
    "*截止日期",
]


def _xlsx(rows) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(world):
    return [
        [
            world.orgs["xihuamen"].name,
            "任务清单",
            "2026",
            "=1+1 公式按文本导入",
            "",
            "张敏",
            world.orgs["library"].name,
            "2026-03-01",
            "2026-06-30",
        ],
        [
            world.orgs["xihuamen"].name,
            "任务清单",
            "2026",
            "截止早于下达",
            "",
            "",
            "",
            "2026-03-01",
            "2026-02-01",
        ],
        ["不存在的单位", "任务清单", "2026", "找不到单位", "", "", "", "", "2026-06-30"],
    ]


def test_an_import_with_bad_rows_reports_each_by_number_and_writes_nothing(world):
    before = (Duty.objects.count(), DutyList.objects.count())
    result = DutyImporter(by=world.users["xiyuhe_admin"]).run(
        read_table(_xlsx(_rows(world)), "d.xlsx"), commit=True
    )
    assert result.committed is False
    assert result.bad_rows == [3, 4]
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("第3行【截止日期】") and "不能早于下达日期" in m for m in messages)
    assert any(m.startswith("第4行【牵头单位】") for m in messages)
    assert (Duty.objects.count(), DutyList.objects.count()) == before


def test_skipping_bad_rows_imports_the_good_one_with_its_formula_kept_as_text(world):
    result = DutyImporter(by=world.users["xiyuhe_admin"]).run(
        read_table(_xlsx(_rows(world)), "d.xlsx"), commit=True, skip_bad=True
    )
    assert (result.committed, result.written) == (True, 1)
    duty = Duty.objects.get(title="=1+1 公式按文本导入")
    assert duty.lead_org == world.orgs["xihuamen"]
    assert list(duty.co_orgs.all()) == [world.orgs["library"]]


def test_an_org_outside_ones_scope_is_a_row_error(world):
    rows = [[world.orgs["yulin"].name, "任务清单", "2026", "越权", "", "", "", "", "2026-06-30"]]
    result = DutyImporter(by=world.users["xiyuhe_admin"]).run(
        read_table(_xlsx(rows), "d.xlsx"), commit=True
    )
    assert result.bad_rows == [2]
    assert not Duty.objects.filter(title="越权").exists()


def test_the_import_page_previews_errors(world, client, login):
    login("xiyuhe_admin")
    upload = io.BytesIO(_xlsx(_rows(world)))
    upload.name = "d.xlsx"
    response = client.post(reverse("duties:import"), {"file": upload})
    assert response.status_code == 200
    text = response.content.decode()
    assert '<td class="text-center">3</td>' in text
    assert '<td class="text-center">4</td>' in text
    assert "不能早于下达日期" in text
    assert not Duty.objects.filter(title="=1+1 公式按文本导入").exists()


def test_the_template_downloads(world, client, login):
    login("xiyuhe_admin")
    response = client.get(reverse("duties:import_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADER


def test_export_neutralises_formula_like_cells(world, client, login):
    from wulian.duties import services
    from wulian.duties.models import DutyKind

    duty = services.assign_duty(
        by=world.users["qingyang_admin"],
        targets=[world.orgs["xiyuhe"]],
        kind=DutyKind.TASK,
        title='=HYPERLINK("http://x")',
        done_criteria="@SUM(A1)",
        due_on=__import__("datetime").date(2026, 12, 31),
        assigned_on=__import__("datetime").date(2026, 11, 2),
    )[0]
    login("qingyang_admin")
    response = client.get(reverse("duties:list_export", args=[duty.duty_list_id]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    row = next(v for v in values if v[3] and "HYPERLINK" in v[3])
    assert row[3] == '\'=HYPERLINK("http://x")'
    assert row[4] == "'@SUM(A1)"


@pytest.mark.parametrize("year", ["²⁰²⁶", "9" * 4301, "٢٠٢٦", "1999", "20 26"])
def test_a_year_that_is_not_four_plain_digits_is_a_row_error_not_a_crash(world, year):
    """``str.isdigit`` accepts superscripts and 4,301-digit strings that ``int`` refuses."""
    rows = [
        [world.orgs["xihuamen"].name, "任务清单", year, "年度有误", "", "", "", "", "2026-06-30"]
    ]
    result = DutyImporter(by=world.users["xiyuhe_admin"]).run(
        read_table(_xlsx(rows), "d.xlsx"), commit=True
    )
    assert result.bad_rows == [2]
    assert any(str(e).startswith("第2行【年度】") for e in result.errors)
    assert not Duty.objects.filter(title="年度有误").exists()
