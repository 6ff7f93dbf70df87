"""What resident reports (随手拍) hold about a person (core.personal_data): the reports they
submitted, with what was done and their own answer."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from wulian.core.personal_data import register_section
from wulian.reports.models import EventKind, Report, ReportEvent


def _reports(user, person) -> list[dict]:
    if person is None:
        return []
    reports = list(
        Report.objects.filter(reporter=person)
        .select_related("area")
        .annotate(photo_count=Count("photos"))
        .order_by("-created_at")
    )
    handled: dict[int, str] = {}
    for event in ReportEvent.objects.filter(report__in=reports, kind=EventKind.HANDLED).order_by(
        "pk"
    ):
        handled[event.report_id] = event.text  # the latest record of what was done
    return [
        {
            str(_("类别")): r.get_category_display(),
            str(_("问题描述")): r.description,
            str(_("位置")): " ".join(filter(None, [r.area.name, r.address])),
            str(_("状态")): r.get_status_display(),
            str(_("处理情况")): handled.get(r.pk, ""),
            str(_("居民确认")): r.get_answer_display() if r.answer else "",
            str(_("提交时间")): r.created_at,
            str(_("照片数")): r.photo_count,
        }
        for r in reports
    ]


register_section("reports", _("我的随手拍"), _reports)
