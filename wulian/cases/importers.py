"""The import of cases (矛盾纠纷台账): one row → ``cases.services.register_case``."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from wulian.cases import services
from wulian.cases.models import Case, Category
from wulian.core.imports import ImportColumn, Importer, Row


class CaseImporter(Importer):
    key = "cases"
    title = _("矛盾纠纷导入")
    list_title = _("矛盾纠纷")
    area_column = "area"
    columns = (
        ImportColumn(
            "area",
            gettext_noop("所在区域代码"),
            required=True,
            text=True,
            width=16,
            note=_("12位统计区划代码，例如 510105003003（西华门社区）；须在您的管辖范围内。"),
        ),
        ImportColumn(
            "category",
            gettext_noop("类别"),
            required=True,
            width=14,
            choices=lambda: Category.labels,
        ),
        ImportColumn(
            "title", gettext_noop("标题"), required=True, width=30, note=_("不超过120个字。")
        ),
        ImportColumn("parties", gettext_noop("当事方"), width=30),
        ImportColumn("description", gettext_noop("情况描述"), required=True, width=50),
    )

    def parse(self, row: Row) -> dict[str, Any]:
        return {
            "area": row.area("area"),
            "category": row.choice("category", Category.choices),
            "title": row.text("title"),
            "parties": row.text("parties"),
            "description": row.text("description"),
        }

    def create(self, **values: Any) -> Case:
        return services.register_case(by=self.by, **values)
