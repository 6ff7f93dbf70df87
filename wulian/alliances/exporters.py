from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def export_alliances(alliances: Iterable) -> bytes:
    """Alliances as given (the caller scopes, filters and counts them with ``with_alliance_figures``)."""
    columns = [
        ExportColumn(_("名称"), width=30, value=lambda a: a.name),
        ExportColumn(_("牵头党组织"), width=30, value=lambda a: a.lead_org.name),
        ExportColumn(_("区域"), width=16, value=lambda a: a.area.name),
        ExportColumn(_("区域代码"), width=16, text=True, value=lambda a: a.area.code),
        ExportColumn(_("成立日期"), width=12, value=lambda a: a.founded_on),
        ExportColumn(_("成员单位"), width=10, value=lambda a: a.member_count),
        ExportColumn(_("活动"), width=8, value=lambda a: a.activity_count),
    ]
    return write_xlsx(
        title=_("区域化党建联盟"), columns=columns, rows=export_rows(columns, alliances)
    )


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
