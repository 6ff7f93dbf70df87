import pytest
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.core import counters
from wulian.core.tests.spreadsheet_files import (
    csv_bytes,
    post_confirm,
    post_upload,
    read_xlsx,
    row_errors,
    xlsx_bytes,
)
from wulian.core.validators import credit_code_check_char
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.web.demo import QINGYUAN, XIHUAMEN, credit_code

HEADER = [
    "*名称",
    "*类别",
    "*所在区域代码",
    "党组织形式",
    "统一社会信用代码",
    "条线部门",
    "地址",
    "联系人",
    "联系电话",
]
GOOD = [
    "西华门社区书画院",
    "新社会组织",
    XIHUAMEN,
    "党支部",
    "",
    "",
    "青羊区东城根街",
    "李明",
    "02886001111",
]
FORMULA = '=HYPERLINK("http://x","y")'


def _row(**cells) -> list[str]:
    row = list(GOOD)
    for header, value in cells.items():
        row[[h.lstrip("*") for h in HEADER].index(header)] = value
    return row


def _wrong_check_char(seed: int) -> str:
    code = credit_code(seed)
    return code[:17] + ("1" if code[17] != "1" else "2")


@pytest.fixture
def admin(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploads kept between preview and confirm land here
    login("xihuamen_admin")
    return world


def _counts():
    return Org.objects.count(), AuditEntry.objects.count()


def test_template_has_required_marks_text_columns_and_dropdowns(admin, client):
    response = client.get(reverse("orgs:import_template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["组织导入", "填写说明", "_lists"]
    sheet = book["组织导入"]
    assert [c.value for c in sheet[1]] == HEADER
    assert [sheet.column_dimensions[c].number_format for c in "CEI"] == ["@", "@", "@"]
    dropdowns = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert dropdowns == {"B2:B2001": "'_lists'!$B$1:$B$12", "D2:D2001": "'_lists'!$D$1:$D$4"}
    assert [book["_lists"].cell(row=r, column=4).value for r in range(1, 5)] == list(
        PartyBody.labels
    )


def test_good_file_previews_without_writing_then_imports_through_the_import_channel(
    admin, client, tmp_path
):
    url = reverse("orgs:import")
    code = credit_code(7001)
    rows = [
        HEADER,
        GOOD,
        _row(名称="成都市青羊区少城小学", 类别="事业单位", 统一社会信用代码=code, 党组织形式=""),
    ]
    before = _counts()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert preview.status_code == 200
    assert row_errors(preview) == []
    assert (preview.context["result"].total, preview.context["result"].good_count) == (2, 2)
    assert _counts() == before
    assert [p.name for p in (tmp_path / "imports").iterdir()] == [preview.context["token"]]
    response = post_confirm(client, url, preview)
    assert response.status_code == 302
    assert list((tmp_path / "imports").iterdir()) == []
    assert response["Location"] == reverse("orgs:list")
    school = Org.objects.get(name="成都市青羊区少城小学")
    assert (school.kind, school.area.code, school.credit_code, school.party_body) == (
        Kind.PUBLIC_INSTITUTION,
        XIHUAMEN,
        code,
        "",  # a blank 党组织形式 stays blank (issue 14)
    )
    painting = Org.objects.get(name="西华门社区书画院")
    assert (painting.contact_phone, painting.address) == ("02886001111", "青羊区东城根街")
    entries = AuditEntry.objects.filter(action="org.create").order_by("-id")[:2]
    assert [(e.channel, e.actor_name) for e in entries] == [("import", "xihuamen_admin")] * 2


BAD_CODE = _wrong_check_char(7002)
BAD_ROWS = [
    pytest.param(
        _row(统一社会信用代码=BAD_CODE),
        "统一社会信用代码",
        f"统一社会信用代码校验位错误：第18位应为“{credit_code_check_char(BAD_CODE[:17])}”，实际为“{BAD_CODE[17]}”。",
        id="wrong-credit-code-check-char",
    ),
    pytest.param(
        _row(所在区域代码="510105003999"),
        "所在区域代码",
        "区划代码“510105003999”不存在。",
        id="unknown-area",
    ),
    pytest.param(
        _row(所在区域代码=QINGYUAN),
        "所在区域代码",
        "区域不在您的管辖范围内。",
        id="area-out-of-scope",
    ),
    pytest.param(
        _row(名称="四川省图书馆"),
        "名称",
        "包含 所在区域 和 名称 的 组织 已经存在。",
        id="same-name-in-area-in-db",
    ),
    pytest.param(
        _row(统一社会信用代码=credit_code(3001)),
        "统一社会信用代码",
        "具有 统一社会信用代码 的 组织 已存在。",
        id="credit-code-in-db",
    ),
    pytest.param(_row(名称=""), "名称", "必填项为空。", id="empty-name"),
    pytest.param(_row(所在区域代码=""), "所在区域代码", "必填项为空。", id="empty-area"),
    pytest.param(
        _row(名称="社" * 101),
        "名称",
        "确保该变量包含不超过 100 字符 (目前字符数 101)。",
        id="over-long-name",
    ),
    pytest.param(
        _row(类别="居委会"), "类别", "“居委会”不是可选值，请从下拉列表中选择。", id="unknown-kind"
    ),
    pytest.param(
        _row(党组织形式=FORMULA),
        "党组织形式",
        f"“{FORMULA}”不是可选值，请从下拉列表中选择。",
        id="formula-in-choice",
    ),
    pytest.param(
        _row(统一社会信用代码=FORMULA),
        "统一社会信用代码",
        [
            "统一社会信用代码应为18位，当前为26位。",
            "确保该变量包含不超过 18 字符 (目前字符数 26)。",
        ],
        id="formula-in-credit-code",
    ),
    pytest.param(
        _row(条线部门="成都市交通运输局"),
        "条线部门",
        "找不到名为“成都市交通运输局”的条线部门。",
        id="unknown-line",
    ),
]


@pytest.mark.parametrize(("bad", "column", "reason"), BAD_ROWS)
def test_one_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    admin, client, bad, column, reason
):
    url = reverse("orgs:import")
    rows = [HEADER, _row(名称="西华门社区第一个好单位"), bad, _row(名称="西华门社区第二个好单位")]
    expected = [(3, column, r) for r in ([reason] if isinstance(reason, str) else reason)]
    before = _counts()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert row_errors(preview) == expected
    refused = post_confirm(client, url, preview)
    assert refused.status_code == 200
    assert refused.context["refused"] is True
    assert row_errors(refused) == expected
    assert "有1行错误，未写入任何数据" in refused.content.decode()
    assert _counts() == before


def test_duplicate_rows_within_the_file_are_reported_against_the_first(admin, client):
    code = credit_code(7003)
    rows = [
        HEADER,
        _row(名称="西华门社区茶馆", 统一社会信用代码=code),
        _row(名称="西华门社区茶馆"),
        _row(名称="另一家茶馆", 统一社会信用代码=code.lower()),
    ]
    before = _counts()
    preview = post_upload(client, reverse("orgs:import"), xlsx_bytes(rows))
    assert row_errors(preview) == [
        (3, "名称", "与第2行重复。"),
        (4, "统一社会信用代码", "与第2行重复。"),
    ]
    post_confirm(client, reverse("orgs:import"), preview)
    assert _counts() == before


def test_skip_bad_rows_writes_only_the_good_rows(admin, client):
    url = reverse("orgs:import")
    rows = [
        HEADER,
        _row(名称="好单位甲"),
        _row(名称="坏单位", 所在区域代码="999"),
        _row(名称="好单位乙"),
    ]
    orgs_before = Org.objects.count()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert row_errors(preview) == [(3, "所在区域代码", "区划代码“999”不存在。")]
    response = post_confirm(client, url, preview, skip_errors=True)
    assert response.status_code == 302
    assert Org.objects.count() == orgs_before + 2
    assert sorted(
        Org.objects.filter(name__in=["好单位甲", "坏单位", "好单位乙"]).values_list(
            "name", flat=True
        )
    ) == [
        "好单位乙",
        "好单位甲",
    ]


def test_confirm_validates_again_against_what_changed_since_the_preview(admin, client, world):
    url = reverse("orgs:import")
    preview = post_upload(client, url, xlsx_bytes([HEADER, _row(名称="抢先登记的单位")]))
    assert row_errors(preview) == []
    counters.created(
        Org.objects.create(name="抢先登记的单位", kind=Kind.NEW_SOCIAL, area=world.areas[XIHUAMEN])
    )
    before = _counts()
    refused = post_confirm(client, url, preview)
    assert row_errors(refused) == [(2, "名称", "包含 所在区域 和 名称 的 组织 已经存在。")]
    assert _counts() == before


def test_formula_cell_is_stored_as_plain_text_and_escaped_in_the_export(admin, client):
    url = reverse("orgs:import")
    preview = post_upload(
        client, url, xlsx_bytes([HEADER, _row(名称=FORMULA, 地址="=1+1", 联系人="@SUM(A1)")])
    )
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    org = Org.objects.get(name=FORMULA)
    assert (org.address, org.contact_name) == ("=1+1", "@SUM(A1)")
    rows = read_xlsx(client.get(reverse("orgs:export"), {"q": "HYPERLINK"}).content)
    assert rows[1][0] == "'" + FORMULA
    assert rows[1][7:9] == ["'=1+1", "'@SUM(A1)"]


@pytest.mark.parametrize(
    ("name", "encoding"), [("组织.csv", "utf-8-sig"), ("组织.csv", "utf-8"), ("组织.csv", "gbk")]
)
def test_csv_in_utf8_with_or_without_bom_and_in_gbk_imports(admin, client, name, encoding):
    url = reverse("orgs:import")
    data = csv_bytes([HEADER, _row(名称=f"黉门{encoding}读书会")], encoding=encoding)
    preview = post_upload(client, url, data, name)
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    assert Org.objects.filter(name=f"黉门{encoding}读书会", area__code=XIHUAMEN).count() == 1


def test_xls_named_file_with_numeric_cells_imports_codes_as_text(admin, client):
    code = credit_code(7004)
    rows = [
        HEADER,
        _row(
            名称="数字格式的单位",
            所在区域代码=int(XIHUAMEN),
            统一社会信用代码=code,
            联系电话=13800001111,
        ),
    ]
    preview = post_upload(client, reverse("orgs:import"), xlsx_bytes(rows), "组织.xls")
    assert row_errors(preview) == []
    post_confirm(client, reverse("orgs:import"), preview)
    org = Org.objects.get(name="数字格式的单位")
    assert (org.area.code, org.contact_phone, org.credit_code) == (XIHUAMEN, "13800001111", code)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("照片.png", b"\x89PNG\r\n\x1a\n", "不支持的文件类型“png”"),
        ("组织.xlsx", b"this is not a workbook", "不是有效的 .xlsx、.xls 或 .ods 电子表格"),
        (
            "组织.xlsx",
            xlsx_bytes([["名称", "地址"], ["缺列的单位", "某地"]]),
            "表头缺少必填列：类别、所在区域代码",
        ),
        ("组织.xlsx", xlsx_bytes([HEADER]), "文件中没有数据行"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_a_clear_error_and_nothing_is_written(
    admin, client, name, data, message
):
    before = _counts()
    response = post_upload(client, reverse("orgs:import"), data, name)
    assert response.status_code == 200
    assert response.templates[0].name == "imports/upload.html"
    assert message in response.context["form"].errors["file"][0]
    assert _counts() == before


def test_confirm_with_a_token_not_issued_to_this_session_is_refused(admin, client):
    before = _counts()
    response = client.post(reverse("orgs:import"), {"token": "0" * 32 + ".xlsx"})
    assert response.templates[0].name == "imports/upload.html"
    assert "上传的文件已失效" in response.content.decode()
    assert _counts() == before


def test_export_is_scoped_filtered_and_keeps_codes_as_text(admin, client):
    response = client.get(reverse("orgs:export"), {"kind": Kind.PUBLIC_INSTITUTION})
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert rows[0] == [
        "名称",
        "类别",
        "所在区域",
        "所在区域代码",
        "党组织形式",
        "统一社会信用代码",
        "条线部门",
        "地址",
        "联系人",
        "联系电话",
    ]
    expected = sorted(
        Org.objects.filter(
            area__path__startswith=admin.areas[XIHUAMEN].path, kind=Kind.PUBLIC_INSTITUTION
        ).values_list("name", flat=True)
    )
    assert {"四川省图书馆", "成都博物馆"} <= set(expected)
    assert sorted(r[0] for r in rows[1:]) == expected
    library = next(r for r in rows if r[0] == "四川省图书馆")
    assert library[3:6] == [XIHUAMEN, "党委", credit_code(3001)]
    entry = AuditEntry.objects.filter(action="org.export").latest("id")
    assert (entry.actor_name, entry.after) == (
        "xihuamen_admin",
        {"count": len(expected), "filters": {"kind": "public_institution"}},
    )


def test_export_of_everything_leaves_out_orgs_outside_the_scope(admin, client):
    names = {r[0] for r in read_xlsx(client.get(reverse("orgs:export")).content)[1:]}
    assert "四川省图书馆" in names
    assert names.isdisjoint({"四川西部发展研究院", "清源社区党委", "四川大学华西医院"})
