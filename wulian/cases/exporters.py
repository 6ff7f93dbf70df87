"""Cases as an .xlsx export."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def export_cases(cases: Iterable) -> bytes:
    columns = [
        ExportColumn(_("标题"), width=32, value=lambda c: c.title),
        ExportColumn(_("类别"), width=12, value=lambda c: c.get_category_display()),
        ExportColumn(_("所在区域"), width=16, value=lambda c: c.area.name),
        ExportColumn(_("区域代码"), width=16, text=True, value=lambda c: c.area.code),
        ExportColumn(_("当事方"), width=30, value=lambda c: c.parties),
        ExportColumn(_("来源"), width=12, value=lambda c: c.get_source_display()),
        ExportColumn(
            _("登记时间"),
            width=18,
            value=lambda c: timezone.localtime(c.registered_at).strftime("%Y-%m-%d %H:%M"),
        ),
        ExportColumn(_("状态"), width=10, value=lambda c: c.get_status_display()),
        ExportColumn(
            _("化解方式"), width=12, value=lambda c: c.get_method_display() if c.method else ""
        ),
        ExportColumn(
            _("化解单位"),
            width=28,
            value=lambda c: c.resolved_by_org.name if c.resolved_by_org_id else "",
        ),
        ExportColumn(
            _("化解日期"),
            width=12,
            value=lambda c: c.resolved_on.isoformat() if c.resolved_on else "",
        ),
        ExportColumn(_("化解情况"), width=40, value=lambda c: c.resolution),
    ]
    return write_xlsx(title=_("矛盾纠纷"), columns=columns, rows=export_rows(columns, cases))
