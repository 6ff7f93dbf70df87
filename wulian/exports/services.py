"""Starting, running and purging background exports and imports."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.models import User
from wulian.accounts.rules import has_action
from wulian.audit.services import record
from wulian.core.imports import discard_upload, importer_class, load_upload
from wulian.core.spreadsheets import SpreadsheetError, read_table
from wulian.exports import registry
from wulian.exports.models import ExportJob, ImportJob, ImportPhase, JobStatus
from wulian.exports.rules import can_confirm

if TYPE_CHECKING:
    from uuid import UUID

    from wulian.core.imports import Importer

log = logging.getLogger(__name__)
KEEP = dt.timedelta(hours=24)
PROGRESS_EVERY = 2000  # rows between two progress writes
IMPORT_PROGRESS_EVERY = 50  # imported rows between two progress notes


def export_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_export(*, name: str, by: User, params: dict, total: int) -> ExportJob:
    """Queue an export of ``total`` rows for ``by``; the worker rebuilds the rows from ``params``
    with the user's scope at the time it runs."""
    export = registry.get(name)
    if not has_action(by, export.action):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=by,
            export=name,
            title=str(export.title),
            params=params,
            total=total,
            created_at=now,
            expires_at=now + KEEP,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: UUID) -> None:
    from wulian.exports.tasks import run_export_task

    run_export_task(str(job_id))


def run_export(*, job: ExportJob) -> None:
    """Write the file, moving the progress on every PROGRESS_EVERY rows; audited when done."""
    # Claimed in the database, as an import job is: a second worker given the same job (a retry,
    # a duplicate enqueue) finds it no longer queued and does nothing.
    if not ExportJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    ):
        return
    export = registry.get(job.export)
    user = job.user
    path = export_dir() / f"{job.pk}.xlsx"

    written = 0

    def progress(rows: int) -> None:
        nonlocal written
        written = rows
        if rows % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job.pk).update(done_rows=rows)

    try:
        if not has_action(user, export.action) or not user.is_active:
            raise PermissionDenied
        rows = export.rows(user, job.params)
        with path.open("wb") as out:
            export.write(rows, out, progress)
    except Exception as error:
        path.unlink(missing_ok=True)
        reason = (
            _("无权导出")
            if isinstance(error, PermissionDenied)
            else _("生成失败，请重试或联系管理员")
        )
        log.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=reason, finished_at=timezone.now()
        )
        return
    with transaction.atomic():
        count = written
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, done_rows=count, file=path.name, finished_at=timezone.now()
        )
        record(
            actor=user,
            action=export.action,
            object_type=export.object_type,
            object_repr=_("%(t)s（%(n)d条）") % {"t": job.title, "n": count},
            after={"count": count, "filters": job.params, "background": True},
        )


def purge_expired_exports(*, now: dt.datetime | None = None) -> int:
    """Delete jobs and files past their 24 hours; returns how many jobs went."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lte=now).values_list("pk", "file"))
    for _pk, name in expired:
        if name:
            (export_dir() / name).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[pk for pk, _name in expired]).delete()
    return len(expired)


# ------------------------------------------------------------------------- background imports
#
# An import's rows all go through the app's service inside one transaction (so that nothing is
# half-written), which the progress could not leave before the end: the worker notes how far it
# is in a small file beside the upload, read by the job's page, and the row stays the record.


def start_import(
    *,
    importer: type[Importer],
    by: User,
    token: str,
    filename: str,
    total: int,
    page_url: str,
    list_url: str,
) -> ImportJob:
    """Queue the check (the preview, rolled back) of an upload already stored under ``token``
    that the import page has just read: ``total`` data rows, owned by ``by``."""
    now = timezone.now()
    with transaction.atomic():
        job = ImportJob.objects.create(
            user=by,
            importer=importer.key,
            title=str(importer.title),
            filename=filename[:200],
            token=token,
            total=total,
            page_url=page_url,
            list_url=list_url,
            created_at=now,
            expires_at=now + KEEP,
        )
        transaction.on_commit(lambda: _enqueue_import(job.pk))
    return job


def confirm_import(*, job: ImportJob, by: User, skip_bad: bool) -> bool:
    """Queue the write of a checked import: its owner's choice, once (a second click or a job
    already written changes nothing). Returns whether it was queued."""
    if not can_confirm(by, job):
        raise PermissionDenied("import.own")
    if job.phase == ImportPhase.CHECK and job.bad_rows and not skip_bad:
        # The check already found them: refuse now, as the import in the request does, instead of
        # queuing a write that can only refuse.
        raise ValidationError(
            {
                "skip_errors": _(
                    "有%(n)d行错误，未写入任何数据：勾选“跳过错误行”导入其余各行，或改正后重新上传。"
                )
                % {"n": len(job.bad_rows)}
            }
        )
    with transaction.atomic():
        queued = (
            ImportJob.objects.filter(pk=job.pk, user_id=by.pk, status=JobStatus.DONE, written=0)
            .exclude(token="")
            .update(
                phase=ImportPhase.WRITE,
                skip_bad=skip_bad,
                status=JobStatus.QUEUED,
                done_rows=0,
                errors=[],
                finished_at=None,
            )
        )
        if queued:
            transaction.on_commit(lambda: _enqueue_import(job.pk))
    return bool(queued)


def _enqueue_import(job_id: UUID) -> None:
    from wulian.exports.tasks import run_import_task

    run_import_task(str(job_id))


def _progress_path(job_id: UUID) -> Path:
    return export_dir() / f"{job_id}.progress"


def import_progress(job: ImportJob) -> int:
    """Rows done so far: the worker's note while it runs, the job's row otherwise."""
    if job.status != JobStatus.RUNNING:
        return job.done_rows
    try:
        return min(job.total, int(_progress_path(job.pk).read_text() or 0))
    except (FileNotFoundError, ValueError):
        return 0


def run_import(*, job: ImportJob) -> None:
    """Check or write the upload through the importer, as the import page does in the request;
    audited when written. The upload goes once written or failed (else with the job, after 24 h)."""
    if not ImportJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING
    ):
        return  # already taken by another worker, or finished
    user = job.user
    note = _progress_path(job.pk)
    write = job.phase == ImportPhase.WRITE

    def progress(rows: int) -> None:
        if rows % IMPORT_PROGRESS_EVERY == 0:
            note.write_text(str(rows))

    try:
        if not user.is_active:
            raise PermissionDenied
        importer = importer_class(job.importer)(by=user)
        table = read_table(load_upload(job.token), job.token)
        with transaction.atomic():
            result = importer.run(table, commit=write, skip_bad=job.skip_bad, progress=progress)
            ImportJob.objects.filter(pk=job.pk).update(
                status=JobStatus.DONE,
                total=result.total,
                done_rows=result.total,
                written=result.written,
                errors=[[e.row, e.column, e.message] for e in result.errors],
                finished_at=timezone.now(),
                token="" if result.committed else job.token,
            )
            if result.committed:
                record(
                    actor=user,
                    action="import.background",
                    object_type=job.importer,
                    object_repr=_("%(t)s（%(n)d条）") % {"t": job.title, "n": result.written},
                    after={
                        "written": result.written,
                        "skipped_rows": result.bad_rows,
                        "total": result.total,
                    },
                )
    except Exception as error:
        if isinstance(error, SpreadsheetError):
            reason = str(error)[:200]
        elif isinstance(error, PermissionDenied):
            reason = _("无权导入")
        else:
            reason = _("导入失败，请重试或联系管理员")
            log.exception("import %s failed", job.pk)
        discard_upload(job.token)
        ImportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=reason, token="", finished_at=timezone.now()
        )
        return
    finally:
        note.unlink(missing_ok=True)
    if result.committed:
        discard_upload(job.token)


def purge_expired_imports(*, now: dt.datetime | None = None) -> int:
    """Delete import jobs past their 24 hours with any upload they still keep; returns how many."""
    now = now or timezone.now()
    expired = list(ImportJob.objects.filter(expires_at__lte=now).values_list("pk", "token"))
    for pk, token in expired:
        discard_upload(token)
        _progress_path(pk).unlink(missing_ok=True)
    ImportJob.objects.filter(pk__in=[pk for pk, _token in expired]).delete()
    return len(expired)
