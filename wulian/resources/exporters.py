"""The shared-resource inventory (共享资源动态清单) as an .xlsx export."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx
from wulian.resources.forms import hours_display
from wulian.resources.models import Resource


def _when(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def resource_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("资源名称"), width=28, value=lambda r: r.name),
        ExportColumn(_("类别"), width=12, value=lambda r: r.get_kind_display()),
        ExportColumn(_("开放单位"), width=28, value=lambda r: r.org.name),
        ExportColumn(_("所在区域"), width=14, value=lambda r: r.area.name),
        ExportColumn(_("所在区域代码"), width=16, text=True, value=lambda r: r.area.code),
        ExportColumn(_("位置"), width=24, value=lambda r: r.location),
        ExportColumn(_("容量"), width=8, value=lambda r: r.capacity),
        ExportColumn(_("容量单位"), width=10, value=lambda r: r.capacity_unit),
        ExportColumn(
            _("开放时间"), width=36, value=lambda r: "；".join(hours_display(r.hours_rows))
        ),
        ExportColumn(_("使用条件"), width=10, value=lambda r: r.get_terms_display()),
        ExportColumn(_("条件说明"), width=24, value=lambda r: r.terms_text),
        ExportColumn(
            _("预约需审核"), width=10, value=lambda r: _("是") if r.requires_approval else _("否")
        ),
        ExportColumn(_("状态"), width=8, value=lambda r: _("开放中") if r.is_open else _("已关闭")),
        ExportColumn(_("开放起始"), width=18, value=lambda r: _when(r.opened_since)),
        ExportColumn(_("关闭起始"), width=18, value=lambda r: _when(r.closed_since)),
        ExportColumn(_("版本"), width=6, value=lambda r: r.version),
    ]


def export_resources(resources: Iterable[Resource]) -> bytes:
    """Resources as given (the caller scopes and filters them, and reads their hours in the same
    query: ``selectors.with_hours``)."""
    columns = resource_columns()
    return write_xlsx(
        title=_("共享资源清单"), columns=columns, rows=export_rows(columns, resources)
    )
