from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def export_part_time_members(members: Iterable) -> bytes:
    columns = [
        ExportColumn(_("姓名"), width=10, value=lambda m: m.person.name),
        ExportColumn(_("所在驻区单位"), width=26, value=lambda m: m.unit.name),
        ExportColumn(_("兼职党组织"), width=30, value=lambda m: m.committee.name),
        ExportColumn(_("岗位"), width=14, value=lambda m: m.post),
        ExportColumn(_("职责"), width=40, value=lambda m: m.duties),
        ExportColumn(_("任期开始"), width=12, value=lambda m: m.term_start),
        ExportColumn(_("任期结束"), width=12, value=lambda m: m.term_end),
        ExportColumn(_("牵头活动（次）"), width=12, value=lambda m: m.activity_count),
        ExportColumn(_("活动参加人次"), width=12, value=lambda m: m.attendance_total),
    ]
    return write_xlsx(title=_("兼职委员"), columns=columns, rows=export_rows(columns, members))
