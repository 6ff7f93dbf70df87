"""The import of duties from the Excel template: one row → ``services.create_duty`` in the
lead org's list of that year and kind (the list is made when it does not exist yet)."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from wulian.core.imports import ImportColumn, Importer, Row
from wulian.duties import services
from wulian.duties.models import DutyKind, DutyList
from wulian.orgs.models import Org
from wulian.orgs.selectors import visible_orgs


def _date(row: Row, key: str) -> dt.date | None:
    raw = row.text(key).strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S"):
        try:
            # A calendar date: the time of day is dropped, so there is no zone to give.
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    row.error(key, _("“%(v)s”不是有效日期，请写成 2026-03-31。") % {"v": raw})
    return None


class DutyImporter(Importer):
    key = "duties"
    title = _("清单事项导入")
    list_title = _("责任清单")
    area_column = "org"
    fields = {"due_on": "due_on", "title": "title", "duty": "org", "kind": "kind"}
    columns = (
        ImportColumn(
            "org",
            gettext_noop("牵头单位"),
            required=True,
            width=32,
            note=_("组织全称，须在您的管辖范围内，例如 西华门社区党委。"),
        ),
        ImportColumn(
            "kind",
            gettext_noop("清单类型"),
            required=True,
            width=12,
            choices=lambda: DutyKind.labels,
        ),
        ImportColumn(
            "year", gettext_noop("年度"), required=True, text=True, width=8, note=_("例如 2026。")
        ),
        ImportColumn("title", gettext_noop("事项"), required=True, width=40),
        ImportColumn("done_criteria", gettext_noop("完成标准"), width=40),
        ImportColumn("responsible_person", gettext_noop("责任人"), width=12),
        ImportColumn("co_orgs", gettext_noop("配合单位"), width=30, note=_("多个单位用“、”分隔。")),
        ImportColumn(
            "assigned_on",
            gettext_noop("下达日期"),
            text=True,
            width=12,
            note=_("留空为今天；格式 2026-03-01。"),
        ),
        ImportColumn(
            "due_on",
            gettext_noop("截止日期"),
            required=True,
            text=True,
            width=12,
            note=_("不能早于下达日期。"),
        ),
    )

    def __init__(self, *, by) -> None:
        super().__init__(by=by)
        self._orgs: dict[str, list[Org]] | None = None

    def _org(self, row: Row, name: str, key: str) -> Org | None:
        if self._orgs is None:
            self._orgs = {}
            for org in visible_orgs(self.by):
                self._orgs.setdefault(org.name, []).append(org)
        found = self._orgs.get(name.strip(), [])
        if len(found) != 1:
            row.error(
                key,
                _("找不到名为“%(n)s”的单位（或不在您的管辖范围内）。") % {"n": name}
                if not found
                else _("名为“%(n)s”的单位不止一个。") % {"n": name},
            )
            return None
        return found[0]

    def parse(self, row: Row) -> dict[str, Any]:
        org = self._org(row, row.text("org"), "org") if row.text("org") else None
        year_text = row.text("year").strip()
        # Four ASCII digits only: ``isdigit`` also passes superscripts and 4,301-digit strings, which
        # ``int`` refuses.
        plain = len(year_text) == 4 and year_text.isascii() and year_text.isdecimal()
        year = int(year_text) if plain and 2000 <= int(year_text) <= 2100 else None
        if year_text and year is None:
            row.error("year", _("“%(v)s”不是有效年度。") % {"v": year_text})
        co_orgs = []
        for name in [
            n
            for n in row.text("co_orgs").replace(",", "、").replace("，", "、").split("、")
            if n.strip()
        ]:
            co = self._org(row, name, "co_orgs")
            if co is not None:
                co_orgs.append(co)
        return {
            "org": org,
            "kind": row.choice("kind", DutyKind.choices),
            "year": year,
            "title": row.text("title"),
            "done_criteria": row.text("done_criteria"),
            "responsible_person": row.text("responsible_person"),
            "co_orgs": co_orgs,
            "assigned_on": _date(row, "assigned_on"),
            "due_on": _date(row, "due_on"),
        }

    def create(self, *, org, kind, year, **values: Any):
        # A bad row comes through too (the engine lists every reason): name what is missing.
        missing = {
            k: _("请填写有效的%(c)s。") % {"c": self.header_of(k)}
            for k, v in (("org", org), ("kind", kind), ("year", year))
            if not v
        }
        if missing:
            from django.core.exceptions import ValidationError

            raise ValidationError(missing)
        duty_list = DutyList.objects.filter(org=org, year=year, kind=kind).first()
        if duty_list is None:
            duty_list = services.create_duty_list(by=self.by, org=org, year=year, kind=kind)
        return services.create_duty(by=self.by, duty_list=duty_list, **values)
