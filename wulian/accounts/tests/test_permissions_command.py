"""`wulian permissions doc` prints the role × action table; `--write` refreshes the doc."""

from io import StringIO

from django.core.management import call_command

from wulian.accounts.rules import ACTIONS
from wulian.accounts.tests.test_permissions_doc import parse_table
from wulian.web.management.commands import permissions as command


def test_permissions_doc_prints_the_table_of_actions():
    out = StringIO()
    call_command("permissions", "doc", stdout=out)
    assert parse_table(out.getvalue()) == ACTIONS


def test_permissions_doc_write_replaces_only_the_table(tmp_path, monkeypatch):
    doc = tmp_path / "permissions.md"
    doc.write_text(
        f"# Title\n\nprose\n\n{command.BEGIN}\n| action | `x` |\n|---|:-:|\n| `old.row` | ✓ |\n{command.END}\n\n"
        f"between\n\n{command.NOTIFY_BEGIN}\nold\n{command.NOTIFY_END}\n\nafter\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(command, "doc_path", lambda: doc)
    call_command("permissions", "doc", "--write", stdout=StringIO())
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nprose\n\n")
    assert f"{command.END}\n\nbetween\n\n{command.NOTIFY_BEGIN}\n| kind |" in text
    assert text.endswith(f"{command.NOTIFY_END}\n\nafter\n")
    assert "\nold\n" not in text
    assert parse_table(text) == ACTIONS
