"""The permission matrix's rows for 政绩考核 and 述职评议. Targets (demo): 青羊区's indicator system,
its manual indicator, and 西御河街道's 述职 report (evaluated by 青羊区)."""

from wulian.assessments.models import Indicator, IndicatorSystem, Report
from wulian.web.testing import Target, UrlCase


def _systems(world) -> list[Target]:
    return [
        Target({"pk": s.pk}, area=s.area) for s in IndicatorSystem.objects.select_related("area")
    ]


def _manual(world) -> list[Target]:
    return [
        Target({"pk": i.pk}, area=i.system.area)
        for i in Indicator.objects.filter(source="manual").select_related("system__area")
    ]


def _reports(world) -> list[Target]:
    return [Target({"pk": r.pk}, area=r.area) for r in Report.objects.select_related("area")]


def _reports_above(world) -> list[Target]:
    """Evaluating is for the level above the report's area."""
    return [
        Target({"pk": r.pk}, area=r.area.parent)
        for r in Report.objects.select_related("area__parent")
    ]


CASES = [
    UrlCase("assessments:list", action="assessment.view", expect=200),
    UrlCase("assessments:create", action="assessment.manage", expect=200),
    UrlCase(
        "assessments:create",
        action="assessment.manage",
        method="post",
        data=lambda w: {"area": ""},
        expect=200,
    ),
    UrlCase("assessments:detail", action="assessment.view", targets=_systems, expect=200),
    UrlCase("assessments:indicators", action="assessment.manage", targets=_systems, expect=200),
    UrlCase("assessments:export", action="assessment.export", targets=_systems, expect=200),
    UrlCase("assessments:scores", action="assessment.manage", targets=_manual, expect=200),
    UrlCase("assessments:reports", action="work_report.view", expect=200),
    UrlCase("assessments:report_create", action="work_report.submit", expect=200),
    UrlCase("assessments:report_detail", action="work_report.view", targets=_reports, expect=200),
    UrlCase(
        "assessments:report_evaluate",
        action="work_report.evaluate",
        method="post",
        targets=_reports_above,
        data=lambda w: {"grade": "bad"},
        expect=400,
    ),
    UrlCase("api:assessment_list", action="assessment.view", api=True, expect=200),
    UrlCase(
        "api:assessment_create",
        action="assessment.manage",
        api=True,
        method="post",
        data=lambda w: {"area": "999999999999", "year": 2026},
        expect=422,
    ),
    UrlCase(
        "api:assessment_detail", action="assessment.view", api=True, targets=_systems, expect=200
    ),
    UrlCase(
        "api:assessment_indicators",
        action="assessment.manage",
        api=True,
        method="put",
        targets=_systems,
        data=lambda w: [{"name": "x", "weight": 50, "source": "manual"}],
        expect=422,
    ),
    UrlCase(
        "api:assessment_scores",
        action="assessment.manage",
        api=True,
        method="put",
        targets=_manual,
        data=lambda w: {"scores": {"999999999": "x"}},
        expect=422,
    ),
    UrlCase("api:report_list", action="work_report.view", api=True, expect=200),
    UrlCase(
        "api:report_create",
        action="work_report.submit",
        api=True,
        method="post",
        data=lambda w: {"org": 999999999, "year": 2026, "secretary": "", "text": ""},
        expect=422,
    ),
    UrlCase("api:report_detail", action="work_report.view", api=True, targets=_reports, expect=200),
    UrlCase(
        "api:report_evaluate",
        action="work_report.evaluate",
        api=True,
        method="post",
        targets=_reports_above,
        data=lambda w: {"grade": "bad"},
        expect=422,
    ),
]
