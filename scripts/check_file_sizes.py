"""Fail when a Python file outside migrations and tests passes 400 lines (docs/architecture.md).

Usage: python scripts/check_file_sizes.py [ROOT ...]   (default: wulian devtools scripts)
A file past the limit becomes a package split by subject, not a longer file.
"""

import sys
from pathlib import Path

LIMIT = 400
SKIPPED_PARTS = {"migrations", "tests", ".venv", "__pycache__"}


def oversized(roots: list[str]) -> list[tuple[Path, int]]:
    found = []
    for root in roots:
        for path in sorted(Path(root).rglob("*.py")):
            if SKIPPED_PARTS.intersection(path.parts):
                continue
            with path.open(encoding="utf-8") as handle:
                lines = sum(1 for _ in handle)
            if lines > LIMIT:
                found.append((path, lines))
    return found


def main(argv: list[str]) -> int:
    found = oversized(argv or ["wulian", "devtools", "scripts"])
    for path, lines in found:
        print(f"{path}: {lines} lines (limit {LIMIT}; split it by subject)")
    if found:
        return 1
    print(f"No file outside migrations and tests passes {LIMIT} lines.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
