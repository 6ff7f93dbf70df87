"""An import of more than IMPORT_BACKGROUND_ROWS data rows runs in a worker: a progress page,
then the same preview and confirmation as in the request, then the result; its owner's only,
audited, the upload gone once written or after 24 hours."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wulian.audit.models import AuditEntry
from wulian.core.imports import _upload_dir, store_upload
from wulian.core.tests.spreadsheet_files import post_upload, xlsx_bytes
from wulian.exports.models import ImportJob
from wulian.exports.services import (
    _progress_path,
    import_progress,
    purge_expired_imports,
    run_import,
)
from wulian.orgs.models import Org
from wulian.web.demo import XIHUAMEN
from wulian.web.testing import assert_flat_queries, query_guard

HEADER = ["*名称", "*类别", "*所在区域代码"]


def _rows(n: int, *, bad_at: int | None = None) -> bytes:
    """A file of n orgs in 西华门; data row ``bad_at`` (1-based) names an area that does not exist."""
    return xlsx_bytes(
        [HEADER]
        + [
            [f"后台导入单位{i}", "新社会组织", "999" if i == bad_at else XIHUAMEN]
            for i in range(1, n + 1)
        ]
    )


@pytest.fixture
def admin(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return login("xihuamen_admin")


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload to the orgs import page; a job runs (Huey is immediate in tests) on commit."""

    def _upload(data: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return post_upload(client, reverse("orgs:import"), data)

    return _upload


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    def _confirm(job, **body):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("exports:import_confirm", args=[job.pk]), body)

    return _confirm


def _imported() -> int:
    return Org.objects.filter(name__startswith="后台导入单位").count()


def test_the_threshold_is_1000_rows():
    from wulian import settings as project_settings

    assert project_settings.IMPORT_BACKGROUND_ROWS == 1000


# The threshold is lowered to 20 below: every row really goes through the service, and a
# 1,001-row file costs over a minute on this machine; the boundary is the same comparison.
def test_a_file_over_the_threshold_is_checked_then_written_in_the_background(
    admin, client, upload, confirm, settings
):
    settings.IMPORT_BACKGROUND_ROWS = 20
    audits = AuditEntry.objects.filter(action="import.background").count()

    response = upload(_rows(21))

    job = ImportJob.objects.get(user=admin)
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:import_detail", args=[job.pk])
    assert (job.phase, job.status, job.total, job.done_rows, job.errors, job.written) == (
        "check",
        "done",
        21,
        21,
        [],
        0,
    )
    assert job.expires_at - job.created_at == dt.timedelta(hours=24)
    assert _imported() == 0  # the check is the preview: nothing written
    page = client.get(response["Location"])
    assert page.context["result"].good_count == 21
    assert 'id="import-ok"' in page.content.decode()
    assert 'id="confirm-import"' in page.content.decode()
    store_path = _upload_dir() / job.token
    assert store_path.exists()

    response = confirm(job)

    job.refresh_from_db()
    assert response["Location"] == reverse("exports:import_detail", args=[job.pk])
    assert (job.phase, job.status, job.written, job.token) == ("write", "done", 21, "")
    assert _imported() == 21
    assert not store_path.exists()
    page = client.get(reverse("exports:import_detail", args=[job.pk])).content.decode()
    assert "已导入21条。" in page
    assert 'id="confirm-form"' not in page
    entry = AuditEntry.objects.filter(action="import.background").latest("pk")
    assert AuditEntry.objects.filter(action="import.background").count() == audits + 1
    assert (entry.actor_id, entry.object_type, entry.after) == (
        admin.pk,
        "orgs",
        {"written": 21, "skipped_rows": [], "total": 21},
    )
    assert entry.channel == "import"  # not the command default: the worker runs an Excel import
    # a second confirmation writes nothing more
    confirm(job)
    assert _imported() == 21


def test_a_file_at_the_threshold_stays_in_the_request(admin, client, upload, settings):
    settings.IMPORT_BACKGROUND_ROWS = 20
    response = upload(_rows(20))
    assert response.status_code == 200
    assert response.templates[0].name == "imports/preview.html"
    assert response.context["result"].total == 20
    assert not ImportJob.objects.exists()


def test_a_bad_row_in_a_big_file_is_reported_by_number_and_nothing_is_written(
    admin, client, upload, confirm, settings
):
    settings.IMPORT_BACKGROUND_ROWS = 2
    orgs, audits = Org.objects.count(), AuditEntry.objects.count()

    upload(_rows(4, bad_at=3))

    job = ImportJob.objects.get()
    assert job.errors == [[4, "所在区域代码", "区划代码“999”不存在。"]]
    page = client.get(reverse("exports:import_detail", args=[job.pk])).content.decode()
    assert "区划代码“999”不存在。" in page
    assert '<td class="text-center">4</td>' in page
    answer = confirm(job)  # without 跳过错误行: refused at once, nothing queued
    job.refresh_from_db()
    assert (job.phase, job.status, job.written, job.errors) == (
        "check",
        "done",
        0,
        [[4, "所在区域代码", "区划代码“999”不存在。"]],
    )
    told = client.get(answer.url).content.decode()
    assert "有1行错误，未写入任何数据：勾选“跳过错误行”导入其余各行" in told
    assert (Org.objects.count(), AuditEntry.objects.count()) == (orgs, audits)

    confirm(job, skip_errors="1")  # the user chose to skip the bad row

    job.refresh_from_db()
    assert (job.written, job.skip_bad) == (3, True)
    assert sorted(
        Org.objects.filter(name__startswith="后台导入单位").values_list("name", flat=True)
    ) == ["后台导入单位1", "后台导入单位2", "后台导入单位4"]
    assert (
        "已导入3条，跳过1行错误行。"
        in client.get(reverse("exports:import_detail", args=[job.pk])).content.decode()
    )
    again = confirm(job, skip_errors="1")  # a second click: nothing more, and the user is told
    assert "这次确认没有重复提交" in client.get(again.url).content.decode()
    assert _imported() == 3


def test_a_file_the_importer_cannot_read_is_refused_at_once(admin, client, upload, settings):
    settings.IMPORT_BACKGROUND_ROWS = 0
    response = upload(xlsx_bytes([["名称"], ["甲"]]))
    assert response.status_code == 200
    assert "表头缺少必填列" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_another_user_gets_404_on_the_job_page_and_its_confirmation(
    admin, client, login, upload, confirm, settings
):
    settings.IMPORT_BACKGROUND_ROWS = 1
    upload(_rows(2))
    job = ImportJob.objects.get()
    login("qingyang_admin")
    assert client.get(reverse("exports:import_detail", args=[job.pk])).status_code == 404
    assert confirm(job).status_code == 404
    job.refresh_from_db()
    assert (job.phase, job.written) == ("check", 0)
    assert _imported() == 0


def test_progress_comes_from_the_workers_note_while_it_runs(admin, client, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    job = ImportJob.objects.create(
        user=admin,
        importer="orgs",
        title="组织导入",
        filename="a.xlsx",
        token="",
        total=200,
        page_url="/",
        list_url="/",
        status="running",
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    _progress_path(job.pk).write_text("150")
    assert import_progress(job) == 150
    page = client.get(reverse("exports:import_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert page.templates[0].name == "exports/_import_progress.html"
    body = page.content.decode()
    assert "150 / 200 行" in body
    assert "75%" in body
    assert 'hx-trigger="every 2s"' in body


def test_a_job_whose_upload_is_gone_fails_with_a_reason(admin):
    job = ImportJob.objects.create(
        user=admin,
        importer="orgs",
        title="组织导入",
        filename="a.xlsx",
        token="0" * 32 + ".xlsx",
        total=2,
        page_url="/",
        list_url="/",
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    run_import(job=job)
    job.refresh_from_db()
    assert (job.status, job.error, job.token) == ("failed", "上传的文件已失效，请重新上传。", "")


def test_expired_jobs_and_their_uploads_are_purged(admin, upload, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    upload(_rows(2))
    job = ImportJob.objects.get()
    path = _upload_dir() / job.token
    assert path.exists()
    assert purge_expired_imports(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert purge_expired_imports(now=timezone.now() + dt.timedelta(hours=24, seconds=1)) == 1
    assert not path.exists()
    assert not ImportJob.objects.filter(pk=job.pk).exists()


@query_guard("exports:import_detail")
def test_the_job_page_makes_as_many_queries_for_3_bad_rows_as_for_1(admin, client):
    job = ImportJob.objects.create(
        user=admin,
        importer="orgs",
        title="组织导入",
        filename="a.xlsx",
        token=store_upload(b"x", "a.xlsx"),
        total=5,
        page_url="/",
        list_url="/",
        status="done",
        errors=[[2, "名称", "必填项为空。"]],
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )

    def add():
        job.errors += [[3, "名称", "必填项为空。"], [4, "名称", "必填项为空。"]]
        job.save(update_fields=["errors"])

    url = reverse("exports:import_detail", args=[job.pk])
    assert_flat_queries(client, url, add)
    assert client.get(url).content.decode().count("必填项为空。") == 3
