"""Issue 16, defect 4: a 50 MB .exe and an SVG as duty progress evidence are refused and nothing
is stored (no report, no file, no audit entry)."""

import pytest
from django.urls import reverse

from wulian.audit.models import AuditEntry
from wulian.core.tests.upload_files import exe, png, svg
from wulian.duties import services
from wulian.duties.models import DutyKind, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _duty(world):
    import datetime as dt

    return services.assign_duty(
        by=world.users["qingyang_admin"],
        targets=[world.orgs["xiyuhe"]],
        kind=DutyKind.TASK,
        title="佐证测试",
        assigned_on=dt.date(2026, 11, 2),
        due_on=dt.date(2026, 12, 31),
    )[0]


def _nothing_stored(tmp_path, duty):
    return (
        ProgressReport.objects.filter(duty=duty).count(),
        sorted(p.name for p in tmp_path.rglob("*") if p.is_file()),
        AuditEntry.objects.filter(action="duty.report").count(),
    )


def test_a_50_mb_executable_is_refused_with_413_and_nothing_is_stored(
    world, client, login, tmp_path
):
    duty = _duty(world)
    before = _nothing_stored(tmp_path, duty)
    login("xiyuhe_admin")
    response = client.post(
        reverse("duties:report", args=[duty.pk]),
        {"text": "进展", "evidence": exe(50 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert "请求过大：上传内容合计不能超过25 MB。" in response.content.decode()
    assert _nothing_stored(tmp_path, duty) == before == (0, [], before[2])


def test_a_small_executable_named_pdf_and_an_svg_are_refused_naming_the_file(
    world, client, login, tmp_path
):
    duty = _duty(world)
    before = _nothing_stored(tmp_path, duty)
    login("xiyuhe_admin")
    for upload, message in (
        (exe(name="总结.pdf"), "文件“总结.pdf”是可执行文件，不能上传。"),
        (svg(), "文件“evidence.svg”的格式（SVG/HTML 等标记文件）不支持"),
    ):
        response = client.post(
            reverse("duties:report", args=[duty.pk]), {"text": "进展", "evidence": upload}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert _nothing_stored(tmp_path, duty) == before


def test_the_service_refuses_an_svg_whatever_the_channel(world, tmp_path):
    from django.core.exceptions import ValidationError

    duty = _duty(world)
    with pytest.raises(ValidationError) as exc:
        services.report_progress(
            by=world.users["xiyuhe_admin"], duty=duty, text="进展", evidence=svg("a.png")
        )
    assert list(exc.value.message_dict) == ["evidence"]
    assert ProgressReport.objects.filter(duty=duty).count() == 0
    report = services.report_progress(
        by=world.users["xiyuhe_admin"], duty=duty, text="进展", evidence=png("现场.png")
    )
    assert report.evidence.name.rsplit("/", 1)[-1].startswith("现场")
