from django.db.models import QuerySet

from wulian.exports.models import ExportJob, ImportJob


def own_jobs(user) -> QuerySet[ExportJob]:
    """A user's own background exports: nobody else's, whatever their role."""
    return ExportJob.objects.filter(user_id=user.pk)


def own_import_jobs(user) -> QuerySet[ImportJob]:
    """A user's own background imports: nobody else's, whatever their role."""
    return ImportJob.objects.filter(user_id=user.pk)
