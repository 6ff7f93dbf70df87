"""Meetings and action items as .xlsx exports."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx

COLOURS = {"red": "红（逾期）", "yellow": "黄（临期）", "green": "绿"}


def _dt(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def export_meetings(meetings: Iterable) -> bytes:
    columns = [
        ExportColumn(_("议题"), width=36, value=lambda m: m.topic),
        ExportColumn(_("层级区域"), width=16, value=lambda m: m.area.name),
        ExportColumn(_("区域代码"), width=16, text=True, value=lambda m: m.area.code),
        ExportColumn(_("召集单位"), width=30, value=lambda m: m.convener.name),
        ExportColumn(_("开始时间"), width=18, value=lambda m: _dt(m.starts_at)),
        ExportColumn(_("地点"), width=28, value=lambda m: m.place),
        ExportColumn(_("状态"), width=10, value=lambda m: m.get_status_display()),
    ]
    return write_xlsx(title=_("党建联席会议"), columns=columns, rows=export_rows(columns, meetings))


def export_action_items(items: Iterable) -> bytes:
    columns = [
        ExportColumn(_("督办事项"), width=36, value=lambda i: i.title),
        ExportColumn(_("会议"), width=30, value=lambda i: i.decision.meeting.topic),
        ExportColumn(_("召集单位"), width=28, value=lambda i: i.decision.meeting.convener.name),
        ExportColumn(_("牵头单位"), width=28, value=lambda i: i.lead_org.name),
        ExportColumn(
            _("配合单位"), width=28, value=lambda i: "、".join(o.name for o in i.co_orgs.all())
        ),
        ExportColumn(_("责任人"), width=12, value=lambda i: i.responsible),
        ExportColumn(_("完成时限"), width=12, value=lambda i: i.due_on.isoformat()),
        ExportColumn(_("完成标准"), width=30, value=lambda i: i.done_criteria),
        ExportColumn(_("状态"), width=12, value=lambda i: i.get_status_display()),
        ExportColumn(
            _("预警"), width=10, value=lambda i: COLOURS.get(getattr(i, "colour", ""), "")
        ),
        ExportColumn(
            _("升级至"), width=28, value=lambda i: i.escalated_to.name if i.escalated_to_id else ""
        ),
    ]
    return write_xlsx(title=_("督办事项"), columns=columns, rows=export_rows(columns, items))
