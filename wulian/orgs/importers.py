"""The import of organizations: one row → ``orgs.services.create_org``."""

from collections.abc import Hashable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from wulian.core.imports import ImportColumn, Importer, Row
from wulian.core.validators import normalize_credit_code
from wulian.orgs import services
from wulian.orgs.models import Kind, Org, PartyBody
from wulian.orgs.selectors import visible_orgs


class OrgImporter(Importer):
    key = "orgs"
    title = _("组织导入")
    list_title = _("组织管理")
    area_column = "area"
    fields = {"__all__": "name"}  # the model's one constraint: a name is unique within its area
    columns = (
        ImportColumn(
            "name",
            gettext_noop("名称"),
            required=True,
            width=32,
            note=_("组织全称，不超过100个字；同一区域内不能重名。"),
        ),
        ImportColumn(
            "kind", gettext_noop("类别"), required=True, width=20, choices=lambda: Kind.labels
        ),
        ImportColumn(
            "area",
            gettext_noop("所在区域代码"),
            required=True,
            text=True,
            width=16,
            note=_("12位统计区划代码，例如 510105003003（西华门社区）；须在您的管辖范围内。"),
        ),
        ImportColumn(
            "party_body",
            gettext_noop("党组织形式"),
            width=14,
            choices=lambda: PartyBody.labels,
            note=_("留空表示未登记（不视为党支部），可在组织页面补填。"),
        ),
        ImportColumn(
            "credit_code",
            gettext_noop("统一社会信用代码"),
            text=True,
            width=22,
            note=_("18位，按 GB 32100 校验。"),
        ),
        ImportColumn(
            "line",
            gettext_noop("条线部门"),
            width=28,
            note=_("填写条线部门的全称，例如 成都市民政局。"),
        ),
        ImportColumn("address", gettext_noop("地址"), width=30),
        ImportColumn("contact_name", gettext_noop("联系人"), width=12),
        ImportColumn(
            "contact_phone",
            gettext_noop("联系电话"),
            text=True,
            width=16,
            note=_("11位手机号或带区号的固定电话，可留空。"),
        ),
    )

    def __init__(self, *, by) -> None:
        super().__init__(by=by)
        self._departments: dict[str, list[Org]] | None = None

    def parse(self, row: Row) -> dict[str, Any]:
        return {
            "name": row.text("name"),
            "kind": row.choice("kind", Kind.choices),
            "area": row.area("area"),
            "party_body": row.choice("party_body", PartyBody.choices, default=""),
            "credit_code": row.text("credit_code") or None,
            "line": self._line(row),
            "address": row.text("address"),
            "contact_name": row.text("contact_name"),
            "contact_phone": row.text("contact_phone"),
        }

    def unique_keys(self, row: Row) -> list[tuple[str, Hashable]]:
        keys: list[tuple[str, Hashable]] = []
        if row.text("name") and row.text("area"):
            keys.append(("name", (row.text("area"), row.text("name"))))
        if row.text("credit_code"):
            keys.append(("credit_code", normalize_credit_code(row.text("credit_code"))))
        return keys

    def create(self, **values: Any) -> Org:
        return services.create_org(by=self.by, **values)

    def _line(self, row: Row) -> Org | None:
        name = row.text("line")
        if not name:
            return None
        if self._departments is None:
            self._departments = {}
            for dept in visible_orgs(self.by).departments():
                self._departments.setdefault(dept.name, []).append(dept)
        found = self._departments.get(name, [])
        if len(found) != 1:
            row.error(
                "line",
                _("找不到名为“%(n)s”的条线部门。") % {"n": name}
                if not found
                else _("名为“%(n)s”的条线部门不止一个。") % {"n": name},
            )
            return None
        return found[0]
