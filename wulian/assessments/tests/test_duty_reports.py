"""述职: one report per org and year, by the org's own people; evaluated by the level above."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wulian.assessments import services
from wulian.assessments.models import Report

pytestmark = pytest.mark.django_db


def _submit(world, by="xiyuhe_admin", org="xiyuhe", year=2025):
    return services.submit_report(
        by=world.users[by],
        org=world.orgs[org],
        year=year,
        secretary="王建华",
        text="一年来的工作。",
    )


def test_one_report_per_org_and_year(world):
    _submit(world)
    with pytest.raises(ValidationError) as exc:
        _submit(world)
    assert exc.value.message_dict == {
        "year": ["中共成都市青羊区西御河街道工作委员会已提交2025年度的述职报告。"]
    }
    assert Report.objects.filter(org=world.orgs["xiyuhe"], year=2025).count() == 1


def test_only_the_orgs_own_people_submit(world):
    with pytest.raises(PermissionDenied):
        _submit(world, by="qingyang_admin")
    assert not Report.objects.filter(year=2025).exists()


def test_the_level_above_evaluates_not_the_org_itself(world):
    report = _submit(world)
    with pytest.raises(PermissionDenied):
        services.evaluate_report(by=world.users["xiyuhe_admin"], report=report, grade="excellent")
    with pytest.raises(ValidationError) as exc:
        services.evaluate_report(
            by=world.users["qingyang_admin"], report=report, grade="best", score="101"
        )
    assert exc.value.message_dict == {
        "grade": ["请选择评议等次（好、较好、一般、差）。"],
        "score": ["评议得分：得分应在0到100之间。"],
    }
    report.refresh_from_db()
    assert (report.grade, report.score, report.evaluated_at) == ("", None, None)
    services.evaluate_report(
        by=world.users["qingyang_admin"], report=report, grade="good", score="86.5", comment="较好"
    )
    report.refresh_from_db()
    assert (report.get_grade_display(), str(report.score)) == ("较好", "86.50")
