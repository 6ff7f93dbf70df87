from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from wulian.exports.models import ExportJob, ImportJob

if TYPE_CHECKING:
    from wulian.accounts.models import User


def own_jobs(user: User) -> QuerySet[ExportJob]:
    """A user's own background exports: nobody else's, whatever their role."""
    return ExportJob.objects.filter(user_id=user.pk)


def own_import_jobs(user: User) -> QuerySet[ImportJob]:
    """A user's own background imports: nobody else's, whatever their role."""
    return ImportJob.objects.filter(user_id=user.pk)
