from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wulian.audit.models import AuditEntry
from wulian.core.tests.spreadsheet_files import (
    csv_bytes,
    post_confirm,
    post_upload,
    read_xlsx,
    row_errors,
    xlsx_bytes,
)
from wulian.core.validators import id_number_check_char
from wulian.people.models import Person
from wulian.web.demo import QINGYUAN, XIHUAMEN, id_number

HEADER = [
    "*姓名",
    "*电话",
    "身份证号",
    "*居住区域代码",
    "是否党员",
    "所在党组织",
    "爱好和专长",
    "家庭住址（门牌）",
]
NEW_ID = id_number("510105", "19880808", 301)
GOOD = ["钱多多", "13900002001", NEW_ID, XIHUAMEN, "否", "", "太极拳"]
FORMULA = '=HYPERLINK("http://x","y")'
ZHANG_MIN_ID = id_number("510105", "19820105", 113)  # already registered (core/demo.py)


def _row(**cells) -> list[str]:
    row = list(GOOD)
    for header, value in cells.items():
        row[[h.lstrip("*") for h in HEADER].index(header)] = value
    return row


def _with_check_char(first17: str) -> str:
    return first17 + id_number_check_char(first17)


BAD_CHECKSUM = NEW_ID[:17] + ("0" if NEW_ID[17] != "0" else "1")
FEB_30 = _with_check_char("51010519990230301")
FUTURE = _with_check_char("51010520990101301")


@pytest.fixture
def admin(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # uploads kept between preview and confirm land here
    login("xihuamen_admin")
    return world


def _counts():
    return Person.objects.count(), AuditEntry.objects.count()


def test_template_marks_required_columns_formats_phone_and_id_as_text_and_offers_yes_no(
    admin, client
):
    book = load_workbook(BytesIO(client.get(reverse("people:import_template")).content))
    sheet = book["人员导入"]
    assert [c.value for c in sheet[1]] == HEADER
    assert [sheet.column_dimensions[c].number_format for c in "BCD"] == ["@", "@", "@"]
    (dropdown,) = sheet.data_validations.dataValidation
    assert (str(dropdown.sqref), dropdown.formula1) == ("E2:E2001", "'_lists'!$E$1:$E$2")
    assert [book["_lists"].cell(row=r, column=5).value for r in (1, 2)] == ["是", "否"]
    assert "填写说明" in book.sheetnames


def test_good_rows_import_with_encrypted_masked_fields_through_the_import_channel(
    admin, client, world
):
    url = reverse("people:import")
    rows = [
        HEADER,
        GOOD,
        _row(
            姓名="孔繁星", 电话="13900002002", 身份证号="", 是否党员="是", 所在党组织="四川省图书馆"
        ),
    ]
    before = _counts()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert row_errors(preview) == []
    assert _counts() == before
    assert post_confirm(client, url, preview).status_code == 302
    qian = Person.objects.get(name="钱多多")
    assert (qian.phone_masked, qian.id_number_masked, qian.clear_id_number()) == (
        "139****2001",
        "510105********" + NEW_ID[-4:],
        NEW_ID,
    )
    kong = Person.objects.get(name="孔繁星")
    assert (kong.is_party_member, kong.party_org, kong.home_area.code) == (
        True,
        world.orgs["library"],
        XIHUAMEN,
    )
    entry = AuditEntry.objects.filter(action="person.create").latest("id")
    assert entry.channel == "import"
    assert "13900002002" not in str(entry.after)


BAD_ROWS = [
    pytest.param(
        _row(身份证号=BAD_CHECKSUM),
        "身份证号",
        f"身份证号校验位错误：第18位应为“{NEW_ID[17]}”，实际为“{BAD_CHECKSUM[17]}”。",
        id="id-checksum",
    ),
    pytest.param(
        _row(身份证号=FEB_30),
        "身份证号",
        "身份证号中的出生日期“19990230”不是有效日期。",
        id="id-feb-30",
    ),
    pytest.param(
        _row(身份证号=FUTURE),
        "身份证号",
        "身份证号中的出生日期“20990101”不可能。",
        id="id-born-in-future",
    ),
    pytest.param(_row(身份证号=ZHANG_MIN_ID), "身份证号", "该身份证号已登记。", id="id-in-db"),
    pytest.param(
        _row(居住区域代码="510105003999"),
        "居住区域代码",
        "区划代码“510105003999”不存在。",
        id="unknown-area",
    ),
    pytest.param(
        _row(居住区域代码=QINGYUAN),
        "居住区域代码",
        "区域不在您的管辖范围内。",
        id="area-out-of-scope",
    ),
    pytest.param(_row(电话=""), "电话", "必填项为空。", id="empty-phone"),
    pytest.param(_row(姓名=""), "姓名", "必填项为空。", id="empty-name"),
    pytest.param(
        _row(姓名="长" * 51), "姓名", "姓名不能超过50个字（当前51个）。", id="over-long-name"
    ),
    pytest.param(
        _row(电话="12345"),
        "电话",
        "电话号码“12345”格式不正确：应为11位手机号或带区号的固定电话。",
        id="bad-phone",
    ),
    pytest.param(
        _row(电话=FORMULA),
        "电话",
        f"电话号码“{FORMULA}”格式不正确：应为11位手机号或带区号的固定电话。",
        id="formula-in-phone",
    ),
    pytest.param(
        _row(是否党员="也许"), "是否党员", "“也许”无法识别，请填写“是”或“否”。", id="bad-yes-no"
    ),
    pytest.param(
        _row(所在党组织="四川省图书馆"),
        "所在党组织",
        "只有党员才能填写所在党组织。",
        id="party-org-for-non-member",
    ),
    pytest.param(
        _row(是否党员="是", 所在党组织="清源社区党委"),
        "所在党组织",
        "找不到名为“清源社区党委”的党组织（或不在您的管辖范围内）。",
        id="party-org-out-of-scope",
    ),
]


@pytest.mark.parametrize(("bad", "column", "reason"), BAD_ROWS)
def test_one_bad_row_is_reported_by_row_and_column_and_nothing_is_written(
    admin, client, bad, column, reason
):
    url = reverse("people:import")
    first = _row(姓名="好人甲", 身份证号="", 电话="13900002101")
    last = _row(姓名="好人乙", 身份证号="", 电话="13900002102")
    before = _counts()
    preview = post_upload(client, url, xlsx_bytes([HEADER, first, [], bad, last]))
    assert row_errors(preview) == [(4, column, reason)]  # row 3 is empty and skipped
    refused = post_confirm(client, url, preview)
    assert row_errors(refused) == [(4, column, reason)]
    assert refused.context["refused"] is True
    assert _counts() == before


def test_same_id_number_twice_in_the_file_is_reported_against_the_first(admin, client):
    rows = [HEADER, GOOD, _row(姓名="钱多多的重复", 身份证号=NEW_ID.lower().replace("x", "X"))]
    before = _counts()
    preview = post_upload(client, reverse("people:import"), xlsx_bytes(rows))
    assert row_errors(preview) == [(3, "身份证号", "与第2行重复。")]
    post_confirm(client, reverse("people:import"), preview)
    assert _counts() == before


def test_skip_bad_rows_writes_only_the_good_rows(admin, client):
    url = reverse("people:import")
    rows = [
        HEADER,
        GOOD,
        _row(姓名="坏人", 身份证号=BAD_CHECKSUM),
        _row(姓名="好人丙", 身份证号="", 电话="13900002103"),
    ]
    people_before = Person.objects.count()
    preview = post_upload(client, url, xlsx_bytes(rows))
    assert [e[0] for e in row_errors(preview)] == [3]
    assert post_confirm(client, url, preview, skip_errors=True).status_code == 302
    assert Person.objects.count() == people_before + 2
    assert set(
        Person.objects.filter(name__in=["钱多多", "坏人", "好人丙"]).values_list("name", flat=True)
    ) == {"钱多多", "好人丙"}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_in_utf8_bom_and_gbk_imports(admin, client, encoding):
    url = reverse("people:import")
    preview = post_upload(client, url, csv_bytes([HEADER, GOOD], encoding=encoding), "人员.csv")
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    assert Person.objects.get(name="钱多多").clear_phone() == "13900002001"


def test_numeric_phone_cell_from_excel_is_read_as_its_digits(admin, client):
    url = reverse("people:import")
    preview = post_upload(
        client,
        url,
        xlsx_bytes([HEADER, _row(电话=13900002001, 居住区域代码=int(XIHUAMEN))]),
        "人员.xls",
    )
    assert row_errors(preview) == []
    post_confirm(client, url, preview)
    assert Person.objects.get(name="钱多多").clear_phone() == "13900002001"


def test_formula_name_is_stored_as_text_and_escaped_in_the_export(admin, client):
    url = reverse("people:import")
    preview = post_upload(client, url, xlsx_bytes([HEADER, _row(姓名=FORMULA, 爱好和专长="-2+3")]))
    post_confirm(client, url, preview)
    assert Person.objects.filter(name=FORMULA, skills="-2+3").count() == 1
    rows = read_xlsx(client.get(reverse("people:export")).content)
    row = next(r for r in rows if r[0] == "'" + FORMULA)
    assert row[rows[0].index("爱好和专长")] == "'-2+3"


def test_non_spreadsheet_upload_gets_a_clear_error_and_nothing_is_written(admin, client):
    before = _counts()
    response = post_upload(client, reverse("people:import"), b"%PDF-1.7 fake", "人员.xlsx")
    assert "不是有效的 .xlsx、.xls 或 .ods 电子表格" in response.context["form"].errors["file"][0]
    assert _counts() == before


def test_export_masks_personal_fields_and_keeps_to_the_scope(admin, client, login):
    login("xihuamen_staff")  # may not reveal numbers (an admin exports them in full)
    response = client.get(reverse("people:export"))
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert rows[0] == [
        "姓名",
        "电话",
        "身份证号",
        "居住区域代码",
        "是否党员",
        "所在党组织",
        "爱好和专长",
        "家庭住址（门牌）",
        "居住区域",
    ]
    names = {r[0] for r in rows[1:]}
    assert {"张敏", "陈丽", "赵强"} <= names
    assert names.isdisjoint({"刘洋", "孙华", "周杰", "王建国"})  # 清源社区 and 黉门街社区
    zhang = next(r for r in rows if r[0] == "张敏")
    assert zhang == [
        "张敏",
        "138****1003",
        "510105********" + ZHANG_MIN_ID[-4:],
        XIHUAMEN,
        "是",
        "四川省图书馆",
        "阅读推广,书法",
        Person.objects.get(name="张敏").address_masked or None,
        "西华门社区",
    ]
    assert "13880001003" not in response.content.decode("latin-1")


def test_export_applies_the_list_filters_and_audits_without_the_search_text(admin, client):
    assert (
        read_xlsx(client.get(reverse("people:export"), {"q": "13880001005"}).content)[1:] == []
    )  # not in URLs
    rows = read_xlsx(client.post(reverse("people:export"), {"q": "13880001005"}).content)
    assert [r[0] for r in rows[1:]] == ["赵强"]
    members = read_xlsx(client.get(reverse("people:export"), {"is_party_member": "1"}).content)
    in_xihuamen = Person.objects.filter(home_area__path__startswith=admin.areas[XIHUAMEN].path)
    expected = sorted(in_xihuamen.filter(is_party_member=True).values_list("name", flat=True))
    assert {"张敏", "陈丽"} <= set(expected)
    assert sorted(r[0] for r in members[1:]) == expected
    entry = AuditEntry.objects.filter(action="person.export").order_by("-id")[1]  # the POST
    assert entry.after == {"count": 1, "filters": {"q": "***", "full_numbers": True}}


def test_a_row_with_several_problems_lists_every_reason_once(admin, client):
    bad = _row(姓名="", 电话="123", 身份证号=FEB_30, 是否党员="也许")
    before = _counts()
    preview = post_upload(client, reverse("people:import"), xlsx_bytes([HEADER, bad]))
    assert row_errors(preview) == [
        (2, "姓名", "必填项为空。"),
        (2, "是否党员", "“也许”无法识别，请填写“是”或“否”。"),
        (2, "电话", "电话号码“123”格式不正确：应为11位手机号或带区号的固定电话。"),
        (2, "身份证号", "身份证号中的出生日期“19990230”不是有效日期。"),
    ]
    assert _counts() == before
