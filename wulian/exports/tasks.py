from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from wulian.core import channels
from wulian.exports import services
from wulian.exports.models import ExportJob, ImportJob


@db_task(retries=0)
def run_export_task(job_id: str) -> None:
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is not None:
        with channels.using(channels.JOB):
            services.run_export(job=job)


@db_task(retries=0)
def run_import_task(job_id: str) -> None:
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is not None:
        with channels.using(channels.IMPORT):  # an Excel import, run by the worker
            services.run_import(job=job)


@db_periodic_task(crontab(minute="*/30"))
@lock_task("exports-purge")
def purge_exports_task() -> None:
    services.purge_expired_exports()
    services.purge_expired_imports()
