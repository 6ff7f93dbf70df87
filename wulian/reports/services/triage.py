"""Staff triage of a report: marked a duplicate, routed to an org, turned into a case or a joint
meeting's agenda item, handled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.services import require, require_area
from wulian.areas.models import Level
from wulian.audit.services import record, snapshot
from wulian.core.text import strip_controls
from wulian.notifications import recipients
from wulian.notifications.services import notify
from wulian.orgs.models import Org
from wulian.reports import rules
from wulian.reports.models import EventKind, Report, Status

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from wulian.cases.models import Case
    from wulian.meetings.models import AgendaItem, JointMeeting
from wulian.reports.services._common import _event, _reporters, community_of

# The case category a report becomes when it is turned into a case (矛盾纠纷).
CASE_CATEGORY = {"parking": "parking", "sanitation": "sanitation", "noise": "construction"}


def _triage_checks(report: Report, by: User | None, *, allow_duplicate: bool = False) -> None:
    require(by, "report.triage")
    require_area(by, report.area.path)
    if report.status == Status.DUPLICATE and not allow_duplicate:
        raise ValidationError(
            {
                "__all__": _("该反映已合并到 #%(n)d，请在原反映上处理。")
                % {"n": report.duplicate_of_id}
            }
        )


def _refuse_closed(report: Report) -> None:
    """A report the reporter confirmed solved (已办结) is not routed, merged or turned into a case."""
    if Report.objects.filter(pk=report.pk, status=Status.CLOSED).exists():
        raise ValidationError(
            {
                "__all__": _(
                    "反映 #%(n)d 已办结（居民已确认解决），不能再转交、合并或转为矛盾纠纷。"
                )
                % {"n": report.pk}
            }
        )


def mark_duplicate(*, report: Report, by: User | None, original: Report) -> Report:
    """Merge ``report`` into ``original``: its reporter then follows the original, and every
    later update of the original reaches them too."""
    _triage_checks(report, by)
    _refuse_closed(report)
    if original.status == Status.DUPLICATE and original.duplicate_of is not None:
        original = original.duplicate_of
    if original.pk == report.pk:
        raise ValidationError({"original": _("不能把反映标记为与自己重复。")})
    require_area(by, original.area.path)
    if report.duplicates.exists():
        raise ValidationError(
            {"original": _("已有其他反映合并到本反映，请把重复的反映合并到本反映。")}
        )
    with transaction.atomic():
        before = snapshot(report, exclude=("description",))
        updated = (
            Report.objects.filter(pk=report.pk)
            .exclude(status=Status.DUPLICATE)
            .update(status=Status.DUPLICATE, duplicate_of=original, updated_at=timezone.now())
        )
        if not updated:
            raise ValidationError({"original": _("该反映已合并。")})
        report.refresh_from_db()
        _event(report, EventKind.DUPLICATE, by, other=original, text=f"#{original.pk}")
        _event(original, EventKind.MERGED, by, other=report, text=f"#{report.pk}")
        record(
            actor=by,
            action="report.duplicate",
            obj=report,
            before=before,
            after=snapshot(report, exclude=("description",)),
        )
        if report.reporter_id:
            notify(
                kind="report.update",
                to=[recipients.person(report.reporter_id)],
                title=_("您的随手拍已与同一问题的反映合并处理"),
                url=f"/reports/mine/{report.pk}/",
            )
    return report


def routable_orgs(report: Report) -> QuerySet[Org]:
    """Who a report may be routed to: the orgs located in its street (community party orgs,
    units), the orgs leading its community, street, district or city, and the departments
    (条线) of those levels."""
    from django.db.models import Q

    from wulian.orgs.models import Kind

    ancestors = report.area.ancestors(include_self=True)
    paths = [a.path for a in ancestors]
    street = next((a for a in ancestors if a.level == Level.STREET), None)
    q = Q(leads__path__in=paths) | Q(kind=Kind.DEPARTMENT, area__path__in=paths)
    if street is not None:
        q |= Q(area__path__startswith=street.path)
    return Org.objects.filter(q).select_related("area").order_by("kind", "name").distinct()


def route_report(*, report: Report, by: User | None, org: Org, note: str = "") -> Report:
    """Hand the report to the body responsible for it; a later routing adds to the history."""
    _triage_checks(report, by)
    _refuse_closed(report)
    if org is None or not routable_orgs(report).filter(pk=org.pk).exists():
        raise ValidationError({"org": _("请选择本区域的社区、驻区单位或条线部门。")})
    if org.pk == report.routed_to_id:
        raise ValidationError({"org": _("该反映已由%(o)s承办。") % {"o": org.name}})
    with transaction.atomic():
        before = snapshot(report, exclude=("description",))
        Report.objects.filter(pk=report.pk).update(routed_to=org, updated_at=timezone.now())
        report.refresh_from_db()
        _event(report, EventKind.ROUTED, by, org=org, text=strip_controls(note or "").strip())
        record(
            actor=by,
            action="report.route",
            obj=report,
            before=before,
            after=snapshot(report, exclude=("description",)),
        )
        notify(
            kind="report.routed",
            to=[recipients.officials_of(org.pk)],
            title=_("随手拍转交贵单位办理：%(t)s") % {"t": report.title},
            url=f"/reports/{report.pk}/",
        )
        notify(
            kind="report.update",
            to=[_reporters(report)],
            title=_("您的随手拍已转交%(o)s办理") % {"o": org.name},
            url=f"/reports/mine/{report.pk}/",
        )
    return report


def report_to_case(*, report: Report, by: User | None) -> Case:
    """Register the report as a case (矛盾纠纷) of its community, through the cases service."""
    from wulian.cases.services import register_case

    _triage_checks(report, by)
    _refuse_closed(report)
    if report.case_id:
        raise ValidationError({"__all__": _("该反映已转为矛盾纠纷。")})
    community = community_of(report.area)
    if community is None:
        raise ValidationError({"__all__": _("请先把仅有坐标的反映转交所在社区，再转为矛盾纠纷。")})
    with transaction.atomic():
        case = register_case(
            by=by,
            area=report.area,
            category=CASE_CATEGORY.get(report.category, "other"),
            title=_("随手拍#%(n)d：%(t)s") % {"n": report.pk, "t": report.title},
            description=report.description,
            reporter=report.reporter,
        )
        updated = Report.objects.filter(pk=report.pk, case__isnull=True).update(
            case=case, updated_at=timezone.now()
        )
        if not updated:
            raise ValidationError({"__all__": _("该反映已转为矛盾纠纷。")})
        report.refresh_from_db()
        _event(report, EventKind.CASE, by, text=case.title)
        record(actor=by, action="report.to_case", obj=report, after={"case": case.pk})
        notify(
            kind="report.update",
            to=[_reporters(report)],
            title=_("您的随手拍已作为矛盾纠纷登记化解"),
            url=f"/reports/mine/{report.pk}/",
        )
    return case


def report_to_agenda(
    *, report: Report, by: User | None, meeting: JointMeeting | None
) -> AgendaItem:
    """Put the report on a scheduled joint meeting's agenda (with its case, if it became one)."""
    from wulian.meetings.services import add_agenda_item

    _triage_checks(report, by)
    if report.agenda_item_id:
        raise ValidationError({"meeting": _("该反映已列入联席会议议程。")})
    if meeting is None:
        raise ValidationError({"meeting": _("请选择联席会议。")})
    if not report.area.path.startswith(meeting.area.path):
        raise ValidationError({"meeting": _("该会议不在本反映所在区域。")})
    with transaction.atomic():
        item = add_agenda_item(
            meeting=meeting,
            by=by,
            title=_("随手拍#%(n)d：%(t)s") % {"n": report.pk, "t": report.title},
            note=report.description,
            case=report.case,
        )
        Report.objects.filter(pk=report.pk).update(agenda_item=item, updated_at=timezone.now())
        report.refresh_from_db()
        _event(report, EventKind.AGENDA, by, text=f"{meeting.topic}")
        record(actor=by, action="report.to_agenda", obj=report, after={"agenda_item": item.pk})
        notify(
            kind="report.update",
            to=[_reporters(report)],
            title=_("您的随手拍已列入联席会议议程"),
            url=f"/reports/mine/{report.pk}/",
        )
    return item


def handle_report(*, report: Report, by: User | None, note: str) -> Report:
    """Record what was done; the reporter is asked to confirm (已解决 / 未解决)."""
    require(by, "report.handle")
    if not rules.can_handle(by, report):
        raise PermissionDenied("report outside scope")
    note = strip_controls(note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写处理情况。")})
    if report.status == Status.DUPLICATE:
        raise ValidationError(
            {"note": _("该反映已合并到 #%(n)d，请在原反映上处理。") % {"n": report.duplicate_of_id}}
        )
    with transaction.atomic():
        before = snapshot(report, exclude=("description",))
        updated = Report.objects.filter(pk=report.pk, status=Status.OPEN).update(
            status=Status.HANDLED, updated_at=timezone.now()
        )
        if not updated:
            raise ValidationError(
                {
                    "note": _("该反映不是待处理状态（现为“%(s)s”）。")
                    % {"s": report.get_status_display()}
                }
            )
        report.refresh_from_db()
        _event(report, EventKind.HANDLED, by, text=note, org=report.routed_to)
        record(
            actor=by,
            action="report.handle",
            obj=report,
            before=before,
            after=snapshot(report, exclude=("description",)),
        )
        notify(
            kind="report.update",
            to=[_reporters(report)],
            title=_("您的随手拍已处理，请确认是否解决"),
            body=note[:200],
            url=f"/reports/mine/{report.pk}/",
        )
    return report
