"""A small import engine: rows of a spreadsheet → the same service functions the pages call.

An app describes its columns and how one row becomes a service call (``Importer.parse`` and
``Importer.create``); the engine finds the columns by header, checks required cells and
duplicates within the file, runs every row through the service inside one transaction, and
turns ``ValidationError`` / ``PermissionDenied`` into row errors that name the column.

``run(commit=False)`` is the preview: every row goes through the service and the transaction is
rolled back, so the preview reports exactly what the confirmation would meet. ``run(commit=True)``
validates again and writes: all rows or none, unless ``skip_bad`` keeps the good rows.

Every subclass with a ``key`` is listed in ``IMPORTERS``, so that a background job can find the
importer again by its key (``importer_class``) without the kernel importing any app.
"""

import re
import time
import uuid
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wulian.core import channels
from wulian.core.spreadsheets import (
    Column,
    SpreadsheetError,
    extension_of,
    unneutralise,
    write_template,
)

if TYPE_CHECKING:  # the kernel imports no app: the area model is looked up by its label
    from wulian.areas.models import Area

MAX_ROWS = 5000
UPLOAD_DIR = "imports"
#: What ``Importer.create`` returns for a row already there as it is: nothing written, not counted.
UNCHANGED: Any = object()
_WRITTEN: Any = object()  # what ``_create`` says of a row the service wrote
UPLOAD_MAX_AGE = 24 * 3600
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}\.(xlsx|xls|ods|csv)$")
TRUE_WORDS = frozenset({"是", "yes", "y", "true", "1", "√", "党员"})
FALSE_WORDS = frozenset({"否", "no", "n", "false", "0", "×", "非党员"})


IMPORTERS: dict[str, type["Importer"]] = {}


def importer_class(key: str) -> type["Importer"]:
    try:
        return IMPORTERS[key]
    except KeyError:
        raise KeyError(f"unknown importer {key!r}: define it in an app's importers.py") from None


class _RowRejected(Exception):
    """Rolls back the savepoint of a row that had errors before its service call."""


@dataclass(frozen=True)
class ImportColumn:
    key: str  # the name ``parse`` reads it by
    header: str  # the header's msgid (Chinese); the translated header is accepted too
    required: bool = False
    text: bool = False  # formatted as text in the template
    choices: Callable[[], Sequence[str]] | None = None  # the template's drop-down
    note: str = ""
    width: int = 18

    def headers(self) -> set[str]:
        return {_normal_header(self.header), _normal_header(_(self.header))}

    def label(self) -> str:
        return _(self.header)

    def sheet_column(self) -> Column:
        return Column(
            header=self.label(),
            width=self.width,
            text=self.text,
            required=self.required,
            choices=[str(c) for c in self.choices()] if self.choices else (),
            note=str(self.note),
        )


def _normal_header(text: str) -> str:
    return re.sub(r"\s+", "", str(text)).lstrip("*＊")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the column's header as shown; "" for the row as a whole
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("第%(row)d行【%(col)s】%(msg)s") % {
                "row": self.row,
                "col": self.column,
                "msg": self.message,
            }
        return _("第%(row)d行：%(msg)s") % {"row": self.row, "msg": self.message}


@dataclass
class ImportResult:
    total: int  # data rows in the file
    errors: list[RowError] = field(default_factory=list)
    written: int = 0  # rows written (0 for a preview or a refused import)
    unchanged: int = 0  # good rows already there as they are (nothing to write)
    committed: bool = False

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    @property
    def good_count(self) -> int:
        return self.total - len(self.bad_rows)


class Row:
    """One data row while it is parsed: its text cells by column key, and its errors."""

    def __init__(self, number: int, values: dict[str, str], importer: "Importer") -> None:
        self.number = number
        self.values = values
        self.errors: list[RowError] = []
        self._importer = importer

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, self._importer.header_of(key), str(message)))

    def choice(self, key: str, choices: Sequence[tuple[str, Any]], default: str = "") -> str:
        """A value of a TextChoices column, given by its label (as in the drop-down) or value."""
        raw = self.text(key)
        if not raw:
            return default
        for value, label in choices:
            if raw in (str(label), value):
                return value
        self.error(key, _("“%(v)s”不是可选值，请从下拉列表中选择。") % {"v": raw})
        return default

    def boolean(self, key: str, default: bool = False) -> bool:
        raw = self.text(key).strip().lower()
        if not raw:
            return default
        if raw in TRUE_WORDS:
            return True
        if raw in FALSE_WORDS:
            return False
        self.error(key, _("“%(v)s”无法识别，请填写“是”或“否”。") % {"v": self.text(key)})
        return default

    def area(self, key: str) -> "Area | None":
        code = self.text(key)
        if not code:
            return None
        area = self._importer.area_by_code(code)
        if area is None:
            self.error(key, _("区划代码“%(c)s”不存在。") % {"c": code})
        return area


class Importer:
    """The import of one kind of object. Subclasses set the class attributes and implement
    ``parse`` (a row → the service's keyword arguments) and ``create`` (the service call)."""

    key: ClassVar[str]  # e.g. "orgs": names the stored upload and the template file
    title: ClassVar[Any]  # e.g. _("组织导入")
    list_title: ClassVar[Any]  # the list page it belongs to, e.g. _("组织管理")
    columns: ClassVar[tuple[ImportColumn, ...]]
    area_column: ClassVar[str]  # where "area out of scope" is reported
    fields: ClassVar[dict[str, str]] = {}  # service field → column key, where they differ
    notes: ClassVar[tuple[Any, ...]] = ()  # extra lines of the instructions sheet

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "key" in cls.__dict__:
            IMPORTERS[cls.key] = cls

    def __init__(self, *, by: Any) -> None:
        self.by = by
        self._areas: dict[str, Area | None] = {}

    # -- per app

    def parse(self, row: Row) -> dict[str, Any]:
        raise NotImplementedError

    def unique_keys(self, row: Row) -> list[tuple[str, Hashable]]:
        """(column key, value) pairs that no two rows of one file may share."""
        return []

    def create(self, **values: Any) -> Any:
        """Write one row through the app's service; ``UNCHANGED`` when the row is already there
        as it is (nothing written, not counted)."""
        raise NotImplementedError

    # -- shared

    def header_of(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return column.label()
        return ""

    def area_by_code(self, code: str) -> "Area | None":
        code = code.strip()
        if code not in self._areas:
            self._areas[code] = apps.get_model("areas", "Area").objects.filter(code=code).first()
        return self._areas[code]

    def template(self) -> bytes:
        return write_template(
            title=str(self.title),
            columns=[c.sheet_column() for c in self.columns],
            notes=[str(n) for n in self.notes],
        )

    def template_filename(self) -> str:
        return _("%(t)s模板.xlsx") % {"t": self.title}

    def count_rows(self, table: Sequence[Sequence[str]]) -> int:
        """The file's data rows, without running them; raises what ``run`` raises for a file
        it cannot read (no header, a missing column, too many rows)."""
        return len(self._locate(table)[1])

    def run(
        self,
        table: Sequence[Sequence[str]],
        *,
        commit: bool,
        skip_bad: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportResult:
        """``progress(n)`` is called after each of the n rows gone through the service (a
        background job shows it; it runs inside the transaction, so it must not write to it)."""
        positions, data_rows = self._locate(table)
        result = ImportResult(total=len(data_rows))
        seen: dict[tuple[str, Hashable], int] = {}
        created = 0
        with channels.using(channels.IMPORT), transaction.atomic():
            for done, (number, cells) in enumerate(data_rows, start=1):
                row = Row(
                    number,
                    {
                        k: unneutralise(cells[p]) if p < len(cells) else ""
                        for k, p in positions.items()
                    },
                    self,
                )
                for column in self.columns:
                    if column.required and not row.text(column.key):
                        row.error(column.key, _("必填项为空。"))
                values = self.parse(row)
                for key, value in self.unique_keys(row):
                    first = seen.setdefault((key, value), number)
                    if first != number:
                        row.error(key, _("与第%(n)d行重复。") % {"n": first})
                outcome = self._create(row, values)
                created += outcome is _WRITTEN
                result.unchanged += outcome is UNCHANGED
                result.errors.extend(row.errors)
                if progress is not None:
                    progress(done)
            # a file whose good rows are all there already is taken as done, with nothing written
            result.committed = (
                commit and (skip_bad or not result.errors) and (created + result.unchanged) > 0
            )
            if result.committed:
                result.written = created
            else:
                transaction.set_rollback(True)
        return result

    def _create(self, row: Row, values: dict[str, Any]) -> Any:
        """Call the service in a savepoint. A row that already has errors still goes through it,
        so that the preview lists every reason at once, but its savepoint is always rolled back
        and only reasons about columns not flagged yet are added. ``create`` must therefore
        accept the partial values ``parse`` returns for a bad row (None for what it could not
        read); anything else it raises for such a row is ignored."""
        flagged = {e.column for e in row.errors}
        problems: list[tuple[str, str]] = []
        made: Any = None
        try:
            with transaction.atomic():
                made = self.create(**values)
                if flagged:
                    raise _RowRejected
        except _RowRejected:
            pass
        except PermissionDenied:
            problems.append((self.area_column, _("区域不在您的管辖范围内。")))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                problems += [
                    (self.fields.get(name, name), m)
                    for name, ms in exc.message_dict.items()
                    for m in ms
                ]
            else:
                problems += [("", m) for m in exc.messages]
        except Exception:
            if not flagged:
                raise
            # The service could not even take the partial values of a row already known to be
            # bad (e.g. None where an object was expected): the reasons found so far stand.
        for key, message in problems:
            if self.header_of(key) not in flagged:
                row.error(key, message)
        if flagged or problems:
            return None
        return UNCHANGED if made is UNCHANGED else _WRITTEN

    def _locate(
        self, table: Sequence[Sequence[str]]
    ) -> tuple[dict[str, int], list[tuple[int, Sequence[str]]]]:
        """The header row's column positions, and the non-empty data rows with their numbers."""
        header_at = next((i for i, cells in enumerate(table) if any(cells)), None)
        if header_at is None:
            raise SpreadsheetError(_("文件中没有内容：请使用导入模板填写后上传。"))
        found: dict[str, int] = {}
        for position, cell in enumerate(table[header_at]):
            normal = _normal_header(cell)
            for column in self.columns:
                if column.key not in found and normal in column.headers():
                    found[column.key] = position
        missing = [c.label() for c in self.columns if c.required and c.key not in found]
        if missing:
            raise SpreadsheetError(
                _("第%(n)d行的表头缺少必填列：%(cols)s。请使用导入模板，不要修改表头。")
                % {"n": header_at + 1, "cols": "、".join(missing)}
            )
        rows = [(i + 1, cells) for i, cells in enumerate(table) if i > header_at and any(cells)]
        if not rows:
            raise SpreadsheetError(
                _("文件中没有数据行：请从第%(n)d行开始填写。") % {"n": header_at + 2}
            )
        if len(rows) > MAX_ROWS:
            raise SpreadsheetError(
                _("一次最多导入%(max)d行，文件中有%(n)d行，请分批导入。")
                % {"max": MAX_ROWS, "n": len(rows)}
            )
        return found, rows


# ------------------------------------------------------------------- uploads kept for the preview


def _upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR


def store_upload(data: bytes, filename: str) -> str:
    """Keep an upload between preview and confirmation; returns its token (``<uuid>.<ext>``)."""
    folder = _upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - UPLOAD_MAX_AGE
    for old in folder.iterdir():
        if _TOKEN_RE.match(old.name) and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = f"{uuid.uuid4().hex}.{extension_of(filename)}"
    (folder / token).write_bytes(data)
    return token


def load_upload(token: str) -> bytes:
    if not _TOKEN_RE.match(token or ""):
        raise SpreadsheetError(_("上传的文件已失效，请重新上传。"))
    try:
        return (_upload_dir() / token).read_bytes()
    except FileNotFoundError:
        raise SpreadsheetError(_("上传的文件已失效，请重新上传。")) from None


def discard_upload(token: str) -> None:
    if _TOKEN_RE.match(token or ""):
        (_upload_dir() / token).unlink(missing_ok=True)
