"""The people list as an .xlsx export: personal fields only ever masked."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx
from wulian.people.models import Person


def person_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("姓名"), width=12, value=lambda p: p.name),
        ExportColumn(_("电话"), width=16, text=True, value=lambda p: p.phone_masked),
        ExportColumn(_("身份证号"), width=22, text=True, value=lambda p: p.id_number_masked),
        ExportColumn(_("居住区域"), width=16, value=lambda p: p.home_area.name),
        ExportColumn(_("居住区域代码"), width=16, text=True, value=lambda p: p.home_area.code),
        ExportColumn(_("是否党员"), width=10, value=lambda p: p.is_party_member),
        ExportColumn(
            _("所在党组织"), width=28, value=lambda p: p.party_org.name if p.party_org_id else ""
        ),
        ExportColumn(_("爱好和专长"), width=30, value=lambda p: p.skills),
    ]


def export_people(people: Iterable[Person]) -> bytes:
    """People as given (the caller scopes and filters them), with masked phone and ID number."""
    columns = person_columns()
    return write_xlsx(title=_("人员"), columns=columns, rows=export_rows(columns, people))
