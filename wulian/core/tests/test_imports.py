"""The import engine on its own, with a toy importer whose service writes an audit entry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.audit.models import AuditEntry
from wulian.audit.services import record
from wulian.core import channels
from wulian.core.imports import MAX_ROWS, ImportColumn, Importer, Row
from wulian.core.spreadsheets import SpreadsheetError
from wulian.web.demo import XIHUAMEN


class ToyImporter(Importer):
    key = "toy"
    title = "玩具导入"
    list_title = "玩具"
    area_column = "area"
    fields = {"title": "name"}
    columns = (
        ImportColumn("name", "名称", required=True),
        ImportColumn("area", "区域代码", text=True),
        ImportColumn("member", "是否党员"),
    )

    def __init__(self, *, by=None):
        super().__init__(by=by)
        self.calls: list[tuple[dict, str]] = []

    def parse(self, row: Row) -> dict:
        return {"name": row.text("name"), "area": row.area("area"), "member": row.boolean("member")}

    def unique_keys(self, row: Row):
        return [("name", row.text("name"))] if row.text("name") else []

    def create(self, **values):
        self.calls.append((values, channels.current()))
        if values["name"] == "越权":
            raise PermissionDenied("path")
        if values["name"] == "崩":
            values["area"].path  # noqa: B018 - a service that cannot take a missing area
        if values["name"] == "坏":
            raise ValidationError({"title": ["名字不好"], "__all__": ["整行不行"]})
        record(actor=None, action="toy.create", object_type="toy", object_repr=values["name"])


HEADER = ["*名称", "区域代码", "是否党员"]


def test_header_may_sit_below_blank_rows_in_any_order_with_extra_columns(world):
    importer = ToyImporter()
    table = [
        [],
        ["", ""],
        ["备注", "是否党员", " 区域 代码 ", "名称"],
        ["随便", "是", XIHUAMEN, "甲"],
    ]
    result = importer.run(table, commit=False)
    assert (result.total, result.errors) == (1, [])
    assert importer.calls == [
        ({"name": "甲", "area": world.areas[XIHUAMEN], "member": True}, channels.IMPORT)
    ]


def test_preview_runs_the_service_and_writes_nothing(world):
    before = AuditEntry.objects.count()
    result = ToyImporter().run([HEADER, ["甲", "", ""], ["乙", "", "否"]], commit=False)
    assert (result.committed, result.written, result.good_count) == (False, 0, 2)
    assert AuditEntry.objects.count() == before


def test_service_errors_become_row_errors_naming_the_column(world):
    table = [
        HEADER,
        ["越权", XIHUAMEN, ""],
        ["坏", "", ""],
        ["甲", "", "不知道"],
        ["甲", "", ""],
        ["", "", ""],
        ["", "x", ""],
    ]
    before = AuditEntry.objects.count()
    result = ToyImporter().run(table, commit=True)
    assert [str(e) for e in result.errors] == [
        "第2行【区域代码】区域不在您的管辖范围内。",
        "第3行【名称】名字不好",
        "第3行：整行不行",
        "第4行【是否党员】“不知道”无法识别，请填写“是”或“否”。",
        "第5行【名称】与第4行重复。",
        "第7行【名称】必填项为空。",
        "第7行【区域代码】区划代码“x”不存在。",
    ]
    assert (result.bad_rows, result.total, result.good_count) == ([2, 3, 4, 5, 7], 5, 0)
    assert (result.committed, result.written) == (False, 0)
    assert AuditEntry.objects.count() == before


def test_skip_bad_keeps_the_good_rows_and_all_or_nothing_keeps_none(world):
    table = [HEADER, ["甲", "", ""], ["坏", "", ""], ["乙", "", ""]]
    before = AuditEntry.objects.count()
    refused = ToyImporter().run(table, commit=True)
    assert (refused.committed, refused.written, AuditEntry.objects.count()) == (False, 0, before)
    kept = ToyImporter().run(table, commit=True, skip_bad=True)
    assert (kept.committed, kept.written, kept.bad_rows) == (True, 2, [3])
    assert list(
        AuditEntry.objects.filter(action="toy.create").values_list("object_repr", "channel")
    ) == [
        ("乙", "import"),
        ("甲", "import"),
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([], "文件中没有内容"),
        ([["名称"]], "文件中没有数据行：请从第2行开始填写。"),
        ([["姓名", "电话"], ["甲", "1"]], "第1行的表头缺少必填列：名称。"),
        (
            [HEADER] + [[f"第{i}个", "", ""] for i in range(MAX_ROWS + 1)],
            f"一次最多导入{MAX_ROWS}行，文件中有{MAX_ROWS + 1}行",
        ),
    ],
)
def test_a_table_that_cannot_be_imported_says_why(world, table, message):
    with pytest.raises(SpreadsheetError) as exc:
        ToyImporter().run(table, commit=False)
    assert message in str(exc.value)


def test_a_service_that_cannot_take_a_bad_rows_partial_values_leaves_its_reasons_standing(world):
    result = ToyImporter().run([HEADER, ["崩", "510105003999", ""]], commit=False)
    assert [str(e) for e in result.errors] == ["第2行【区域代码】区划代码“510105003999”不存在。"]


def test_an_unexpected_error_on_a_clean_row_is_not_hidden(world):
    with pytest.raises(AttributeError):
        ToyImporter().run([HEADER, ["崩", "", ""]], commit=False)
