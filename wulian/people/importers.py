"""The import of residents and party members: one row → ``people.services.create_person``."""

from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from wulian.core.imports import UNCHANGED, ImportColumn, Importer, Row
from wulian.core.validators import normalize_id_number, normalize_phone
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs
from wulian.people import services
from wulian.people.models import Person


class PersonImporter(Importer):
    key = "people"
    title = _("人员导入")
    list_title = _("人员管理")
    area_column = "home_area"
    columns = (
        ImportColumn(
            "name", gettext_noop("姓名"), required=True, width=12, note=_("不超过50个字。")
        ),
        ImportColumn(
            "phone",
            gettext_noop("电话"),
            required=True,
            text=True,
            width=16,
            note=_("11位手机号或带区号的固定电话。"),
        ),
        ImportColumn(
            "id_number",
            gettext_noop("身份证号"),
            text=True,
            width=22,
            note=_(
                "18位，按 GB 11643 校验出生日期和校验位；同一身份证号只能登记一次。"
                "不填身份证号时，按姓名和电话识别同一人，不重复登记。"
            ),
        ),
        ImportColumn(
            "home_area",
            gettext_noop("居住区域代码"),
            required=True,
            text=True,
            width=16,
            note=_("12位统计区划代码，例如 510105003003（西华门社区）；须在您的管辖范围内。"),
        ),
        ImportColumn(
            "is_party_member",
            gettext_noop("是否党员"),
            width=10,
            choices=lambda: [_("是"), _("否")],
            note=_("留空为“否”。"),
        ),
        ImportColumn(
            "party_org",
            gettext_noop("所在党组织"),
            width=28,
            note=_("党员所在党组织的全称，须在您的管辖范围内；非党员请留空。"),
        ),
        ImportColumn(
            "skills",
            gettext_noop("爱好和专长"),
            width=30,
            note=_("用逗号分隔，例如：义诊,法律咨询,书法"),
        ),
        ImportColumn(
            "address",
            gettext_noop("家庭住址（门牌）"),
            width=24,
            note=_("居住区域内的门牌，例如“3栋2单元501”；同一区域同一门牌为一户。可留空。"),
        ),
    )

    def __init__(self, *, by) -> None:
        super().__init__(by=by)
        self._orgs: dict[str, list[Org]] = {}

    def parse(self, row: Row) -> dict[str, Any]:
        for key in ("phone", "id_number", "address"):
            if "*" in row.text(key):
                # masked (an export without the right to full numbers): never stored as a value
                row.error(key, _("内容已打码（含*），不能导入：请填写完整内容。"))
        values = {
            "name": row.text("name"),
            "phone": row.text("phone"),
            "id_number": row.text("id_number"),
            "home_area": row.area("home_area"),
        }
        # An optional cell left blank (or a column the file leaves out) is not given: a new person
        # gets the default, a registered one keeps what they hold, never erased by an import.
        optional = {
            "is_party_member": lambda: row.boolean("is_party_member"),
            "party_org": lambda: self._party_org(row),
            "skills": lambda: row.text("skills"),
            "address": lambda: row.text("address"),
        }
        values |= {key: read() for key, read in optional.items() if row.text(key).strip()}
        return values

    def unique_keys(self, row: Row) -> list[tuple[str, Hashable]]:
        number = normalize_id_number(row.text("id_number"))
        if number:
            return [("id_number", number)]
        return [("name", (row.text("name").strip(), normalize_phone(row.text("phone"))))]

    def create(self, **values: Any) -> Person:
        person = services.import_person(by=self.by, **values)
        return UNCHANGED if person is None else person

    def _party_org(self, row: Row) -> Org | None:
        name = row.text("party_org")
        if not name:
            return None
        if name not in self._orgs:
            self._orgs[name] = list(visible_orgs(self.by).filter(name=name)[:2])
        found = self._orgs[name]
        if len(found) != 1:
            row.error(
                "party_org",
                _("找不到名为“%(n)s”的党组织（或不在您的管辖范围内）。") % {"n": name}
                if not found
                else _("名为“%(n)s”的组织不止一个。") % {"n": name},
            )
            return None
        return found[0]
