"""The facts the public pages show and the open data publishes, per area: one function, three
outputs (page, JSON, CSV), so the downloads hold exactly what the page shows.

Each section is read from its own app's selector (``public_*`` / ``served_per_month``), which
returns organisations, places, amounts and counts only — never a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wulian.areas.models import Area, Level
from wulian.core.text import mask_personal_numbers

PUBLIC_LEVELS = (Level.CITY, Level.DISTRICT, Level.STREET, Level.COMMUNITY)


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    columns: tuple[tuple[str, str | Promise], ...]
    community_only: bool = False


SECTIONS: tuple[Section, ...] = (
    Section(
        "evaluations",
        _("双向评议结果与先进单位"),
        (
            ("year", _("年度")),
            ("round", _("评议")),
            ("group", _("类别")),
            ("rank", _("排名")),
            ("org", _("单位")),
            ("area", _("所在区域")),
            ("total", _("总分")),
            ("exemplary", _("先进单位")),
        ),
    ),
    Section(
        "resources",
        _("开放资源清单"),
        (
            ("name", _("资源")),
            ("kind", _("类型")),
            ("org", _("开放单位")),
            ("area", _("所在社区")),
            ("location", _("位置")),
            ("capacity", _("容量")),
            ("terms", _("开放方式")),
            ("fee", _("收费")),
        ),
    ),
    Section(
        "projects",
        _("惠民项目"),
        (
            ("year", _("年度")),
            ("fund", _("资金")),
            ("community", _("社区")),
            ("name", _("项目")),
            ("category", _("类别")),
            ("status", _("状态")),
            ("budget", _("预算（元）")),
            ("spent", _("已支出（元）")),
            ("beneficiaries", _("受益人数")),
        ),
    ),
    Section(
        "criticisms",
        _("通报批评与整改"),
        (
            ("published_on", _("发布日期")),
            ("document_no", _("文号")),
            ("issuer", _("发文单位")),
            ("org", _("被通报单位")),
            ("failure", _("存在问题")),
            ("deadline", _("整改期限")),
            ("rectification", _("整改状态")),
            ("rectified", _("已整改")),
        ),
    ),
    Section("needs", _("每月服务群众需求"), (("month", _("月份")), ("served", _("已服务")))),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


def public_area(code: str) -> Area | None:
    """The area a public page is about (city to community), or None."""
    return Area.objects.filter(code=code, level__in=PUBLIC_LEVELS).select_related("parent").first()


def _rows(section: Section, area: Area) -> list[dict]:
    if section.key == "evaluations":
        from wulian.evaluations.selectors import public_results

        return public_results(area)
    if section.key == "resources":
        from wulian.resources.selectors import public_inventory

        return public_inventory(area)
    if section.key == "projects":
        from wulian.funds.selectors import public_projects

        return public_projects(area)
    if section.key == "criticisms":
        from wulian.dispatches.selectors import public_criticisms

        return public_criticisms(area)
    from wulian.needs.selectors import served_per_month

    return served_per_month(area)


def _masked(row: dict) -> dict:
    """A row as the public may read it: phone, ID numbers and e-mail addresses typed into its
    free text (a resource's location, a project's name…) masked."""
    return {k: mask_personal_numbers(v) if isinstance(v, str) else v for k, v in row.items()}


def sections() -> list[Section]:
    return list(SECTIONS)


def licence() -> dict:
    return dict(settings.WULIAN_OPEN_DATA_LICENCE)


def area_facts(area: Area) -> dict:
    """Everything public about ``area``: its sections' rows, its 党群服务中心 (a community), the
    licence and when the facts were read."""
    facts = {
        "area": {"code": area.code, "name": area.name, "level": area.level},
        "licence": licence(),
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "sections": {s.key: [_masked(row) for row in _rows(s, area)] for s in sections()},
        "centre": None,
    }
    if area.level == Level.COMMUNITY:
        from wulian.centres.selectors import public_centre

        facts["centre"] = public_centre(area)
    return facts
