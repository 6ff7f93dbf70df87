"""The staff list of needs as an .xlsx export."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx
from wulian.needs.models import Need


def _time(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def need_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("编号"), width=8, value=lambda n: n.pk),
        ExportColumn(_("标题"), width=28, value=lambda n: n.title),
        ExportColumn(_("类别"), width=12, value=lambda n: n.get_category_display()),
        ExportColumn(_("状态"), width=10, value=lambda n: n.get_state_display()),
        ExportColumn(_("社区"), width=16, value=lambda n: n.community.name),
        ExportColumn(_("区域代码"), width=16, text=True, value=lambda n: n.area.code),
        ExportColumn(_("需求人"), width=10, value=lambda n: n.posted_by.name),
        ExportColumn(_("代办人"), width=14, value=lambda n: str(n.posted_on_behalf_by or "")),
        ExportColumn(_("所需技能"), width=20, value=lambda n: n.skills),
        ExportColumn(_("接单方"), width=24, value=lambda n: n.provider_name),
        ExportColumn(_("发布时间"), width=18, value=lambda n: _time(n.created_at)),
        ExportColumn(_("接单时间"), width=18, value=lambda n: _time(n.claimed_at)),
        ExportColumn(_("完成时间"), width=18, value=lambda n: _time(n.done_at)),
        ExportColumn(
            _("服务时长（小时）"),
            width=12,
            value=lambda n: n.hours_spent if n.hours_spent is not None else "",
        ),
        ExportColumn(_("超时提醒"), width=18, value=lambda n: _time(n.flagged_at)),
        ExportColumn(_("上报街道"), width=18, value=lambda n: _time(n.escalated_at)),
    ]


def export_needs(needs: Iterable[Need]) -> bytes:
    """Needs as given (the caller scopes and filters them), one row each. Phone and ID numbers
    are never exported."""
    columns = need_columns()
    return write_xlsx(title=_("群众需求"), columns=columns, rows=export_rows(columns, needs))
