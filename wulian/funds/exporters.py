"""Allocations, projects, facilities and the per-area report as .xlsx exports."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.core.spreadsheets import Column, ExportColumn, choice_labels, export_rows, write_xlsx
from wulian.exports.registry import Export, register


def export_allocations(allocations: Iterable) -> bytes:
    columns = [
        ExportColumn(_("专项资金"), width=36, value=lambda a: a.fund.name),
        ExportColumn(_("社区"), width=14, value=lambda a: a.community.name),
        ExportColumn(_("社区代码"), width=16, text=True, value=lambda a: a.community.code),
        ExportColumn(_("社区党组织"), width=20, value=lambda a: a.party_org.name),
        ExportColumn(_("拨付金额（元）"), width=16, value=lambda a: a.amount),
        ExportColumn(_("实拨（元）"), width=16, value=lambda a: a.received),
        ExportColumn(_("已支出（元）"), width=16, value=lambda a: a.spent),
        ExportColumn(_("拨付日期"), width=12, value=lambda a: a.allocated_on),
        ExportColumn(_("拨付文号"), width=22, value=lambda a: a.document_no),
        ExportColumn(_("用途"), width=30, value=lambda a: a.purpose),
    ]
    return write_xlsx(title=_("资金拨付"), columns=columns, rows=export_rows(columns, allocations))


def export_projects(projects: Iterable, out=None, progress=None) -> bytes:
    from wulian.funds.models import ProjectCategory, ProjectStatus

    category, status = choice_labels(ProjectCategory), choice_labels(ProjectStatus)
    columns = [
        ExportColumn(_("项目名称"), width=28, value=lambda p: p.name),
        ExportColumn(_("类别"), width=12, value=lambda p: category(p.category)),
        ExportColumn(_("社区"), width=14, value=lambda p: p.community.name),
        ExportColumn(_("社区代码"), width=16, text=True, value=lambda p: p.community.code),
        ExportColumn(_("状态"), width=10, value=lambda p: status(p.status)),
        ExportColumn(_("预算（元）"), width=16, value=lambda p: p.budget),
        ExportColumn(_("已支出（元）"), width=16, value=lambda p: p.spent),
        ExportColumn(_("受益人数"), width=10, value=lambda p: p.beneficiaries),
        ExportColumn(_("专项资金"), width=36, value=lambda p: p.allocation.fund.name),
    ]
    return write_xlsx(
        title=_("惠民项目"),
        columns=columns,
        rows=export_rows(columns, projects),
        out=out,
        progress=progress,
    )


def export_facilities(facilities: Iterable) -> bytes:
    columns = [
        ExportColumn(_("名称"), width=24, value=lambda f: f.name),
        ExportColumn(_("类别"), width=14, value=lambda f: f.get_kind_display()),
        ExportColumn(_("社区"), width=14, value=lambda f: f.community.name),
        ExportColumn(_("地点"), width=30, value=lambda f: f.place),
        ExportColumn(_("启用日期"), width=12, value=lambda f: f.opened_on),
        ExportColumn(_("项目"), width=28, value=lambda f: f.project.name),
    ]
    return write_xlsx(
        title=_("公共服务设施"), columns=columns, rows=export_rows(columns, facilities)
    )


def export_report(
    area, report: dict, status_labels: dict, category_labels: dict, kind_labels: dict
) -> bytes:
    columns = [Column(_("指标"), width=28), Column(_("数值"), width=20)]
    rows: list[list] = [
        [_("区域"), f"{area.name}（{area.code}）"],
        [_("资金到账（元）"), report["received"]],
        [_("已拨付（元）"), report["allocated"]],
        [_("已支出（元）"), report["spent"]],
        [_("项目总数"), report["project_total"]],
        [_("受益人数"), report["beneficiaries"]],
    ]
    rows += [
        [_("项目·%(s)s") % {"s": label}, report["by_status"].get(code, 0)]
        for code, label in status_labels.items()
    ]
    rows += [
        [_("项目·%(c)s（个）") % {"c": label}, report["by_category"].get(code, (0, 0))[0]]
        for code, label in category_labels.items()
    ]
    rows += [
        [_("设施·%(k)s") % {"k": label}, report["by_kind"].get(code, 0)]
        for code, label in kind_labels.items()
    ]
    return write_xlsx(title=_("资金统计"), columns=columns, rows=rows)


def _project_rows(user, params):
    from wulian.funds.selectors import search_projects

    return search_projects(user, **params).iterator(chunk_size=2000)


register(
    Export(
        name="funds.projects",
        title=gettext_lazy("惠民项目"),
        action="fund.export",
        object_type="funds.project",
        rows=_project_rows,
        write=lambda rows, out, progress: export_projects(rows, out=out, progress=progress),
    )
)
