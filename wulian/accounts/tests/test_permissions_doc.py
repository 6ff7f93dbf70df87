"""docs/permissions.md holds the role × action table; it must say exactly what ACTIONS says."""

import re
from pathlib import Path

from django.conf import settings

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import ACTIONS

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"
_CODE = re.compile(r"`([^`]+)`")


def parse_table(text: str) -> dict[str, frozenset[str]]:
    """The first Markdown table whose header starts with "| action |": {action: role kinds}."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| action |"))
    kinds = _CODE.findall(lines[start])
    table: dict[str, frozenset[str]] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        action = _CODE.fullmatch(cells[0])
        assert action is not None, f"row without an `action` in its first cell: {line}"
        assert len(cells) == len(kinds) + 1, (
            f"row with {len(cells) - 1} role cells, not {len(kinds)}: {line}"
        )
        table[action.group(1)] = frozenset(
            k for k, c in zip(kinds, cells[1:], strict=True) if c == "✓"
        )
    return table


def test_doc_table_has_one_column_per_role_kind():
    header = next(
        line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| action |")
    )
    assert _CODE.findall(header) == list(RoleKind.values)


def test_doc_table_equals_the_registered_actions():
    documented = parse_table(DOC.read_text(encoding="utf-8"))
    missing = sorted(set(ACTIONS) - set(documented))
    extra = sorted(set(documented) - set(ACTIONS))
    wrong = sorted(a for a in set(ACTIONS) & set(documented) if documented[a] != ACTIONS[a])
    problems = []
    if missing:
        problems.append(f"rows to add: {missing}")
    if extra:
        problems.append(f"rows to remove (no such action): {extra}")
    problems += [
        f"row `{action}` to correct: doc has {sorted(documented[action])}, ACTIONS has {sorted(ACTIONS[action])}"
        for action in wrong
    ]
    assert problems == [], (
        "docs/permissions.md is out of date; run `wulian permissions doc --write` ("
        + "; ".join(problems)
        + ")"
    )


def test_parse_table_reads_checks_per_column():
    text = (
        "| action | `a` | `b` |\n|---|:-:|:-:|\n| `x.view` | ✓ |  |\n| `x.edit` |  | ✓ |\n\nafter"
    )
    assert parse_table(text) == {"x.view": frozenset({"a"}), "x.edit": frozenset({"b"})}


def test_doc_lists_who_is_told_for_every_notification_kind():
    from wulian.web.management.commands.permissions import (
        NOTIFY_BEGIN,
        NOTIFY_END,
        render_notifications,
    )

    text = DOC.read_text(encoding="utf-8")
    documented = text.split(NOTIFY_BEGIN, 1)[1].split(NOTIFY_END, 1)[0].strip()
    assert documented == render_notifications(), "run `wulian permissions doc --write`"
