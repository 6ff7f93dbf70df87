"""The people list as an .xlsx export in the import template's columns, so that an exported file
imports back unchanged: the template's columns in its order, then read-only columns the import
ignores. Phone and ID numbers are in full only for who may reveal them; anyone else gets them
masked, and the import refuses a masked number rather than storing it."""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from wulian.core.spreadsheets import ExportColumn, export_rows, write_xlsx
from wulian.people.importers import PersonImporter
from wulian.people.models import Person


def _values(full_numbers: bool) -> dict[str, Callable[[Person], Any]]:
    """The value of each import column for one person."""
    return {
        "name": lambda p: p.name,
        "phone": (lambda p: p.clear_phone()) if full_numbers else (lambda p: p.phone_masked),
        "id_number": (lambda p: p.clear_id_number())
        if full_numbers
        else (lambda p: p.id_number_masked),
        "home_area": lambda p: p.home_area.code,
        "is_party_member": lambda p: p.is_party_member,
        "party_org": lambda p: p.party_org.name if p.party_org_id else "",
        "skills": lambda p: p.skills,
        "address": (lambda p: p.clear_address()) if full_numbers else (lambda p: p.address_masked),
    }


def person_columns(*, full_numbers: bool) -> list[ExportColumn]:
    values = _values(full_numbers)
    columns = [
        ExportColumn(c.label(), width=c.width, text=c.text, value=values[c.key])
        for c in PersonImporter.columns
    ]
    # read-only, after the template's columns: the import does not read them
    return [*columns, ExportColumn(_("居住区域"), width=16, value=lambda p: p.home_area.name)]


def export_people(people: Iterable[Person], *, full_numbers: bool) -> bytes:
    """People as given (the caller scopes and filters them and decides ``full_numbers``)."""
    columns = person_columns(full_numbers=full_numbers)
    return write_xlsx(title=_("人员"), columns=columns, rows=export_rows(columns, people))
