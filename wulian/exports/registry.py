"""Exports that may run in the background: each app registers its own in its ``exporters.py``.

An entry says which action allows it, how to rebuild the user's scoped rows from the search
parameters the job stored, and how to write them to a file while reporting progress. The
mechanism imports no app: it only reads this table.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any


@dataclass(frozen=True)
class Export:
    name: str  # "funds.projects"
    title: str  # shown to the user and used for the file name (lazy translation)
    action: str  # the action that allows the export, checked again when the job runs
    object_type: str  # what the audit entry names
    rows: Callable[[Any, dict[str, Any]], Any]  # (user, params) -> the scoped queryset
    write: Callable[
        [Iterable[Any], IO[bytes], Callable[[int], None]], None
    ]  # (rows, out, progress)


EXPORTS: dict[str, Export] = {}


def register(export: Export) -> None:
    if export.name in EXPORTS and EXPORTS[export.name] != export:
        raise ValueError(f"export {export.name!r} is registered twice")
    EXPORTS[export.name] = export


def get(name: str) -> Export:
    try:
        return EXPORTS[name]
    except KeyError:
        raise KeyError(f"unknown export {name!r}: register it in an app's exporters.py") from None
