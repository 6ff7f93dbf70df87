"""Starting, running and purging background exports."""

import datetime as dt
import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.accounts.rules import has_action
from wulian.audit.services import record
from wulian.exports import registry
from wulian.exports.models import ExportJob, JobStatus

log = logging.getLogger(__name__)
KEEP = dt.timedelta(hours=24)
PROGRESS_EVERY = 2000  # rows between two progress writes


def export_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_export(*, name: str, by, params: dict, total: int) -> ExportJob:
    """Queue an export of ``total`` rows for ``by``; the worker rebuilds the rows from ``params``
    with the user's scope at the time it runs."""
    export = registry.get(name)
    if not has_action(by, export.action):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        job = ExportJob.objects.create(user=by, export=name, title=str(export.title), params=params,
                                       total=total, created_at=now, expires_at=now + KEEP)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id) -> None:
    from wulian.exports.tasks import run_export_task

    run_export_task(str(job_id))


def run_export(*, job: ExportJob) -> None:
    """Write the file, moving the progress on every PROGRESS_EVERY rows; audited when done."""
    if job.finished:
        return
    export = registry.get(job.export)
    user = job.user
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
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
        reason = _("无权导出") if isinstance(error, PermissionDenied) else _("生成失败，请重试或联系管理员")
        log.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=reason, finished_at=timezone.now())
        return
    with transaction.atomic():
        count = written
        ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done_rows=count, file=path.name,
                                                   finished_at=timezone.now())
        record(actor=user, action=export.action, object_type=export.object_type,
               object_repr=_("%(t)s（%(n)d条）") % {"t": job.title, "n": count},
               after={"count": count, "filters": job.params, "background": True})


def purge_expired_exports(*, now=None) -> int:
    """Delete jobs and files past their 24 hours; returns how many jobs went."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lte=now).values_list("pk", "file"))
    for _pk, name in expired:
        if name:
            (export_dir() / name).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[pk for pk, _name in expired]).delete()
    return len(expired)
