"""Issue 16, defect 4: a 50 MB .exe and an SVG as rectification evidence are refused and nothing
is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.core.tests.upload_files import exe, pdf, svg
from wulian.dispatches import services
from wulian.dispatches.forms import RectificationReportForm
from wulian.dispatches.models import Rectification, RectificationReport, RectificationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pending(world) -> Rectification:
    rect = Rectification.objects.filter(
        status=RectificationStatus.PENDING, criticism__dispatch__status="published"
    ).first()
    assert rect is not None
    return rect


def _state(tmp_path, rect):
    rect.refresh_from_db()
    return (
        rect.status,
        RectificationReport.objects.filter(rectification=rect).count(),
        sorted(p.name for p in tmp_path.rglob("*") if p.is_file()),
    )


def test_a_50_mb_executable_is_refused_with_413_and_nothing_is_stored(
    world, client, login, tmp_path
):
    rect = _pending(world)
    before = _state(tmp_path, rect)
    login("xiyuhe_admin")
    response = client.post(
        reverse("dispatches:rectification_report", args=[rect.pk]),
        {"text": "已整改", "evidence": exe(50 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert _state(tmp_path, rect) == before


def test_an_svg_is_refused_by_the_form_and_by_the_service(world, tmp_path):
    rect = _pending(world)
    before = _state(tmp_path, rect)
    form = RectificationReportForm({"text": "已整改"}, {"evidence": svg()})
    assert not form.is_valid()
    assert form.errors["evidence"][0].startswith(
        "文件“evidence.svg”的格式（SVG/HTML 等标记文件）不支持"
    )
    with pytest.raises(ValidationError) as exc:
        services.report_rectification(
            by=None, rectification=rect, text="已整改", evidence=svg("scan.pdf")
        )
    assert list(exc.value.message_dict) == ["evidence"]
    assert _state(tmp_path, rect) == before
    services.report_rectification(
        by=None, rectification=rect, text="已整改", evidence=pdf("整改报告.docx")
    )
    assert _state(tmp_path, rect)[1:] == (1, ["整改报告.pdf"])
