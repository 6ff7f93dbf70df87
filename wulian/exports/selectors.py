from django.db.models import QuerySet

from wulian.exports.models import ExportJob


def own_jobs(user) -> QuerySet[ExportJob]:
    """A user's own background exports: nobody else's, whatever their role."""
    return ExportJob.objects.filter(user_id=user.pk)
