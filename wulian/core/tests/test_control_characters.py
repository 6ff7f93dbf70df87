"""Issue 16, defect 3: a case titled "噪音\\u0001扰民" posted by a resident was accepted, and from
then on /cases/export/ and /audit/export/ answered 500 (IllegalCharacterError) for good, since the
audit trail is append-only. Now pages and the API refuse them naming the field (a page echoes a
refused value back shortened), and every export escapes whatever is stored."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wulian.audit.services import record
from wulian.cases.models import Case
from wulian.core.ics import make_ics

TITLE = "噪音\u0001扰民"


def _first_sheet(response) -> list[list]:
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _api(client, username):
    from wulian.accounts.models import User
    from wulian.accounts.services import create_token

    client.defaults["HTTP_AUTHORIZATION"] = "Bearer " + create_token(
        user=User.objects.get(username=username), by=None
    )
    return client


def test_the_api_refuses_a_control_character_naming_the_field(client, world):
    _api(client, "resident_demo")
    before = Case.objects.count()
    body = {"category": "neighbourhood", "title": TITLE, "description": "晚上很吵"}
    response = client.post(
        "/api/v1/cases/report/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert response.json() == {
        "message": "title: 不能含有控制字符（U+0001）。",
        "errors": {"title": ["不能含有控制字符（U+0001）。"]},
    }
    assert Case.objects.count() == before


def test_an_anonymous_request_is_told_to_authenticate_first(client, world):
    body = {"category": "neighbourhood", "title": TITLE, "description": "晚上很吵"}
    response = client.post(
        "/api/v1/cases/report/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 401


def test_the_api_refuses_one_in_a_nested_field_and_in_the_query(client, world):
    _api(client, "xiyuhe_admin")
    response = client.get("/api/v1/cases/", {"q": "a\x7fb"})
    assert (response.status_code, response.json()["errors"]) == (
        422,
        {"q": ["不能含有控制字符（U+007F）。"]},
    )
    body = {"title": "会议", "decisions": [{"text": "好"}, {"text": "坏\u0085"}]}
    response = client.post(
        "/api/v1/meetings/1/close/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"decisions.1.text": ["不能含有控制字符（U+0085）。"]}


def test_line_breaks_and_tabs_pass_and_emoji_surrogate_pairs_are_not_controls(client, world):
    _api(client, "resident_demo")
    body = {
        "category": "neighbourhood",
        "title": "噪音扰民 \\ud83d\\ude00",
        "description": "第一行\n第二行\t完",
    }
    raw = json.dumps(body, ensure_ascii=False).replace("\\\\u", "\\u")
    response = client.post("/api/v1/cases/report/", raw, content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert (case.title, case.description) == ("噪音扰民 \U0001f600", "第一行\n第二行\t完")


def test_a_page_refuses_the_control_character_naming_the_field(client, world, login):
    login("resident_demo")
    before = Case.objects.count()
    response = client.post(
        reverse("cases:report"),
        {
            "category": "neighbourhood",
            "title": TITLE,
            "description": "晚上\u0000很吵\r\n十点以后",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": ["不能含有控制字符（U+0001）。"],
        "description": ["不能含有控制字符（U+0000）。"],
    }
    assert Case.objects.count() == before


def test_a_refused_megabyte_is_not_echoed_back_in_full(client, world, login):
    login("resident_demo")
    before = Case.objects.count()
    long = "吵" * 1_000_000 + "\u0001"
    response = client.post(
        reverse("cases:report"),
        {"category": "neighbourhood", "title": "噪音扰民", "description": long},
    )
    assert response.status_code == 200
    # (too long as well: the length refusal first, core/tests/test_long_texts.py)
    assert response.context["form"].errors == {
        "description": ["内容过长：最多20000字，现有1000000字。", "不能含有控制字符（U+0001）。"]
    }
    assert response.content.decode().count("吵") < 20_000
    assert Case.objects.count() == before


def test_every_export_still_answers_after_a_control_character_was_stored(client, world, login):
    """Rows stored before the policy (or by a command) are escaped, never a 500."""
    case = Case.objects.filter(area__code__startswith="5101").order_by("pk").first()
    Case.objects.filter(pk=case.pk).update(title=TITLE)
    case.refresh_from_db()
    record(actor=None, action="case.register", obj=case, object_repr=TITLE, after={"title": TITLE})
    login("city_admin")
    response = client.get(reverse("cases:export"))
    assert response.status_code == 200
    assert any("噪音␁扰民" in str(cell) for row in _first_sheet(response) for cell in row)
    client.logout()
    login("audit_admin")
    response = client.get(reverse("audit:export"))
    assert response.status_code == 200
    assert any("噪音␁扰民" in str(cell) for row in _first_sheet(response) for cell in row)


def test_an_ics_never_lets_stored_text_start_a_line():
    import datetime as dt

    start = dt.datetime(2026, 12, 8, 2, tzinfo=dt.UTC)
    ics = make_ics(
        uid="x@wulian",
        start=start,
        end=start,
        summary="会议",
        location="三楼\r\nATTENDEE:mailto:evil@example.com\rX-EVIL:1\u0001",
    )
    lines = ics.split("\r\n")
    assert [line for line in lines if line.startswith(("ATTENDEE", "X-EVIL"))] == []
    assert "LOCATION:三楼\\nATTENDEE:mailto:evil@example.com\\nX-EVIL:1" in lines


def test_an_import_reads_cells_with_control_characters_stripped():
    from wulian.core.spreadsheets import read_table
    from wulian.core.tests.spreadsheet_files import csv_bytes, xlsx_bytes

    assert read_table(csv_bytes([["姓名"], ["张\x01三"]]), "人员.csv") == [["姓名"], ["张三"]]
    assert read_table(xlsx_bytes([["姓名"], ["李\u0085四"]]), "人员.xlsx") == [["姓名"], ["李四"]]


INVISIBLE = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\ufeff",
]


def test_the_api_refuses_invisible_formatting_characters_naming_the_field(client, world):
    """A right-to-left override (U+202E) and the other bidi controls, zero-width space, direction
    marks, line/paragraph separators and the BOM disguise text: refused like controls, raw or
    escaped in the JSON."""
    _api(client, "resident_demo")
    before = Case.objects.count()
    for char in INVISIBLE:
        for raw in (
            json.dumps(
                {"category": "neighbourhood", "title": f"噪音{char}扰民", "description": "吵"},
                ensure_ascii=False,
            ),
            json.dumps(
                {"category": "neighbourhood", "title": f"噪音{char}扰民", "description": "吵"}
            ),
        ):
            response = client.post(
                "/api/v1/cases/report/", raw.encode(), content_type="application/json"
            )
            assert response.status_code == 422, (hex(ord(char)), response.content)
            assert response.json()["errors"] == {
                "title": [f"不能含有控制字符（U+{ord(char):04X}）。"]
            }
    response = client.get("/api/v1/cases/", {"q": "a\u202eb"})
    assert (response.status_code, response.json()["errors"]) == (
        422,
        {"q": ["不能含有控制字符（U+202E）。"]},
    )
    assert Case.objects.count() == before


def test_zero_width_joiners_of_emoji_pass(client, world):
    _api(client, "resident_demo")
    title = "噪音扰民 \U0001f468\u200d\U0001f469\u200d\U0001f467 \u200c"
    body = {"category": "neighbourhood", "title": title, "description": "吵"}
    response = client.post(
        "/api/v1/cases/report/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert Case.objects.get(pk=response.json()["id"]).title == title


def test_a_page_refuses_invisible_formatting_characters(client, world, login):
    login("resident_demo")
    before = Case.objects.count()
    response = client.post(
        reverse("cases:report"),
        {
            "category": "neighbourhood",
            "title": "噪音\u202e扰民\u200b\ufeff",
            "description": "晚上\u2066很吵\u2028",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": ["不能含有控制字符（U+202E）。"],
        "description": ["不能含有控制字符（U+2066）。"],
    }
    assert Case.objects.count() == before


def test_an_export_shows_a_stored_invisible_character_visibly():
    from wulian.core.text import visible_controls

    assert visible_controls("txt\u202eexe.\x01") == "txt⟨U+202E⟩exe.␁"
    assert visible_controls("👨\u200d👩") == "👨\u200d👩"


@pytest.mark.parametrize(
    ("raw", "named"),
    [(b"\xed\xa0\x80", "U+D800"), (b"\xef\xbf\xbe", "U+FFFE"), (b"\xef\xbf\xbf", "U+FFFF")],
)
def test_a_character_written_raw_in_the_body_is_refused_as_its_escape_is(client, world, raw, named):
    """A lone surrogate or a noncharacter sent as raw bytes (not as a \\u escape) is refused too,
    never stored, never a 500."""
    _api(client, "resident_demo")
    before = Case.objects.count()
    body = b'{"category": "neighbourhood", "title": "T' + raw + b'X", "description": "p"}'
    response = client.post("/api/v1/cases/report/", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert named in response.json()["errors"]["title"][0]
    assert Case.objects.count() == before
