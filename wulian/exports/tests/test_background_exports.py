"""An export over EXPORT_BACKGROUND_ROWS rows runs in a worker: a progress page, then a download
kept 24 hours for its owner only, audited like any export; smaller ones are sent at once."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wulian.audit.models import AuditEntry
from wulian.exports.models import ExportJob
from wulian.exports.services import export_dir, purge_expired_exports
from wulian.funds.models import Project
from wulian.funds.selectors import visible_projects
from wulian.web.testing import assert_flat_queries, query_guard


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_BACKGROUND_ROWS = 1  # exports over one row go to the worker


@pytest.fixture
def export(client, django_capture_on_commit_callbacks):
    """Ask for the projects export; the job runs (Huey is immediate in tests) once the request's
    transaction commits, as in production."""

    def _export(**params):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(reverse("funds:project_export"), params)

    return _export


def _read(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))


def test_a_large_export_becomes_a_job_with_progress_and_an_audited_download(
    world, login, client, export, small_threshold
):
    user = login("city_admin")
    expected = sorted(visible_projects(user).values_list("name", flat=True))
    assert len(expected) >= 2
    audits = AuditEntry.objects.filter(action="fund.export").count()

    response = export()

    job = ExportJob.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:detail", args=[job.pk])
    assert (job.status, job.total, job.done_rows, job.percent) == (
        "done",
        len(expected),
        len(expected),
        100,
    )
    assert job.expires_at - job.created_at == dt.timedelta(hours=24)
    page = client.get(response["Location"])
    assert "100%" in page.content.decode()
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    rows = _read(b"".join(download.streaming_content))
    assert rows[0][0] == "项目名称"
    assert sorted(r[0] for r in rows[1:]) == expected
    entry = AuditEntry.objects.filter(action="fund.export").latest("pk")
    assert AuditEntry.objects.filter(action="fund.export").count() == audits + 1
    assert entry.after["count"] == len(expected)
    assert entry.after["background"] is True
    assert entry.channel == "job"  # written by the worker, not a command


def test_the_job_keeps_the_search_filters_and_the_users_scope(
    world, login, client, export, settings
):
    settings.EXPORT_BACKGROUND_ROWS = 0
    user = login("xihuamen_admin")
    mine = visible_projects(user)
    assert mine.count() < Project.objects.count()  # a community sees less than the city
    status = mine.values_list("status", flat=True).first()
    export(status=status)
    job = ExportJob.objects.get(user=user)
    assert job.params == {"status": status}
    rows = _read((export_dir() / job.file).read_bytes())
    assert sorted(r[0] for r in rows[1:]) == sorted(
        mine.filter(status=status).values_list("name", flat=True)
    )


def test_a_small_export_is_sent_at_once(world, login, client):
    user = login("city_admin")
    response = client.get(reverse("funds:project_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not ExportJob.objects.filter(user=user).exists()


def test_another_user_cannot_follow_or_download_a_job(
    world, login, client, export, small_threshold
):
    login("city_admin")
    export()
    job = ExportJob.objects.get()
    login("qingyang_admin")
    assert client.get(reverse("exports:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404


def test_expired_jobs_and_their_files_are_purged(world, login, client, export, small_threshold):
    login("city_admin")
    export()
    job = ExportJob.objects.get()
    path = export_dir() / job.file
    assert path.exists()
    assert purge_expired_exports(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert purge_expired_exports(now=timezone.now() + dt.timedelta(hours=24, seconds=1)) == 1
    assert not path.exists()
    assert not ExportJob.objects.filter(pk=job.pk).exists()


@query_guard("exports:list")
def test_export_list_makes_as_many_queries_for_3_jobs_as_for_1(world, login, client):
    user = login("city_admin")

    def add(n):
        for _ in range(n):
            ExportJob.objects.create(
                user=user,
                export="funds.projects",
                title="惠民项目",
                total=1,
                expires_at=timezone.now() + dt.timedelta(hours=24),
            )

    add(1)
    assert_flat_queries(client, reverse("exports:list"), lambda: add(2))
    assert ExportJob.objects.filter(user=user).count() == 3
    assert client.get(reverse("exports:list")).content.decode().count(reverse("exports:list")) >= 3


def test_a_job_already_taken_by_a_worker_is_not_run_again(
    world, login, client, export, small_threshold
):
    """A second worker given the same job (a retry, a duplicate enqueue) finds it no longer queued:
    no second file, no second audit entry (the job is claimed in the database, as imports are)."""
    from wulian.exports.services import run_export

    user = login("city_admin")
    export()
    job = ExportJob.objects.get(user=user)
    audits = AuditEntry.objects.filter(action="fund.export").count()
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", done_rows=0
    )  # as if another worker held it

    run_export(job=ExportJob.objects.get(pk=job.pk))

    job.refresh_from_db()
    assert (job.status, job.done_rows) == ("running", 0)
    assert AuditEntry.objects.filter(action="fund.export").count() == audits
