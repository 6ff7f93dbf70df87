"""The resident council list as an .xlsx export."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx


def export_councils(councils: Iterable) -> bytes:
    """Councils as given (the caller scopes, filters and counts them with ``with_council_figures``)."""
    columns = [
        ExportColumn(_("名称"), width=30, value=lambda c: c.name),
        ExportColumn(_("社区"), width=16, value=lambda c: c.community.name),
        ExportColumn(_("社区区划代码"), width=16, text=True, value=lambda c: c.community.code),
        ExportColumn(_("成员"), width=8, value=lambda c: c.member_count),
        ExportColumn(_("议题"), width=8, value=lambda c: c.topic_count),
        ExportColumn(_("表决中"), width=8, value=lambda c: c.voting_count),
    ]
    return write_xlsx(title=_("居民议事会"), columns=columns, rows=export_rows(columns, councils))
