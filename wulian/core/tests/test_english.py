"""English is the second language: every string is translated, and the switch shows it."""

import re
from pathlib import Path

import pytest
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "wulian" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_the_login_page_is_in_english_after_the_switch(client, world):
    _switch_to_english(client)
    response = client.get("/accounts/login/")
    assert response.headers["Content-Language"] == "en"
    page = response.content.decode()
    assert "Username" in page
    assert "Password" in page
    assert "用户名" not in page
    assert "密码" not in page


@pytest.mark.parametrize(
    "label",
    [
        "Workbench",
        "Organizations",
        "People",
        "Party building joint meetings",
        "Action items",
        "Dispatch notices",
        "Two-way evaluation",
        "Dashboard",
    ],
)
def test_the_home_page_menu_is_in_english(client, world, login, label):
    login("city_admin")
    _switch_to_english(client)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert label in page
    for chinese in (
        "工作台",
        "组织管理",
        "人员管理",
        "督办事项",
        "调度通报",
        "双向评议",
        "数据看板",
        "退出",
    ):
        assert chinese not in page


def test_the_menu_stays_chinese_without_the_switch(client, world, login):
    login("city_admin")
    page = client.get("/").content.decode()
    assert "工作台" in page
    assert "Workbench" not in page


def _entries(text: str):
    """(msgid, [msgstr, ...], flags) for every non-header, non-obsolete entry of a .po file."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#~")]
        if not lines:
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line.strip()[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        strings = [value for name, value in fields.items() if name.startswith("msgstr")]
        entries.append((fields["msgid"], strings, flags))
    return entries


def test_every_string_has_an_english_translation():
    entries = _entries(PO_FILE.read_text(encoding="utf-8"))
    assert len(entries) > 1000
    untranslated = [
        msgid for msgid, strings, _flags in entries if not strings or any(s == "" for s in strings)
    ]
    assert untranslated == [], (
        f"{len(untranslated)} strings have no English translation: {untranslated[:20]}"
    )
    fuzzy = [msgid for msgid, _strings, flags in entries if "fuzzy" in flags]
    assert fuzzy == [], f"{len(fuzzy)} translations are marked fuzzy: {fuzzy[:20]}"
    copied = [
        msgid
        for msgid, strings, _flags in entries
        if re.search(r"[\u4e00-\u9fff]", msgid) and msgid in strings
    ]
    assert copied == [], f"{len(copied)} translations are the Chinese source copied: {copied[:20]}"


def test_the_compiled_catalogue_is_present():
    assert PO_FILE.with_suffix(".mo").exists()
