"""The organization list as an .xlsx export."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx
from wulian.orgs.models import Org


def org_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("名称"), width=32, value=lambda o: o.name),
        ExportColumn(_("类别"), width=20, value=lambda o: o.get_kind_display()),
        ExportColumn(_("所在区域"), width=16, value=lambda o: o.area.name),
        ExportColumn(_("所在区域代码"), width=16, text=True, value=lambda o: o.area.code),
        ExportColumn(_("党组织形式"), width=12, value=lambda o: o.get_party_body_display()),
        ExportColumn(_("统一社会信用代码"), width=22, text=True, value=lambda o: o.credit_code),
        ExportColumn(_("条线部门"), width=28, value=lambda o: o.line.name if o.line_id else ""),
        ExportColumn(_("地址"), width=30, value=lambda o: o.address),
        ExportColumn(_("联系人"), width=12, value=lambda o: o.contact_name),
        ExportColumn(_("联系电话"), width=16, text=True, value=lambda o: o.contact_phone_masked),
    ]


def export_orgs(orgs: Iterable[Org]) -> bytes:
    """Orgs as given (the caller scopes and filters them), one row each."""
    columns = org_columns()
    return write_xlsx(title=_("组织"), columns=columns, rows=export_rows(columns, orgs))
