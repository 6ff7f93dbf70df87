"""Audit entries as an .xlsx export for the audit administrator."""

import json
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from wulian.audit.models import AuditEntry
from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("编号"), width=10, value=lambda e: e.pk),
        ExportColumn(_("时间"), width=20, value=lambda e: e.at),
        ExportColumn(_("操作人"), width=16, value=lambda e: e.actor_name),
        ExportColumn(_("操作"), width=22, text=True, value=lambda e: e.action),
        ExportColumn(_("对象类型"), width=18, text=True, value=lambda e: e.object_type),
        ExportColumn(_("对象编号"), width=10, text=True, value=lambda e: e.object_id),
        ExportColumn(_("对象"), width=30, value=lambda e: e.object_repr),
        ExportColumn(_("渠道"), width=8, value=lambda e: e.get_channel_display()),
        ExportColumn(_("变更前"), width=40, value=lambda e: _json(e.before)),
        ExportColumn(_("变更后"), width=40, value=lambda e: _json(e.after)),
        ExportColumn(_("哈希"), width=66, text=True, value=lambda e: e.hash),
    ]


def export_entries(entries: Iterable[AuditEntry]) -> bytes:
    """Entries as given (the caller filters them); times in Asia/Shanghai."""
    columns = entry_columns()
    return write_xlsx(title=_("审计日志"), columns=columns, rows=export_rows(columns, entries))
