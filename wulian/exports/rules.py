from __future__ import annotations

from typing import TYPE_CHECKING

from wulian.accounts.rules import EVERYONE_BUSINESS, register

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from wulian.accounts.models import User
    from wulian.exports.models import ExportJob, ImportJob

register(
    {
        # Every user sees, follows and downloads only their own background exports; what an export
        # holds is decided by the export's own action, checked again when the job runs.
        "export.own": EVERYONE_BUSINESS,
        # Likewise for background imports: the job's page and its confirmation are its owner's only;
        # starting one needs the app's import action, and every row goes through the app's service.
        "import.own": EVERYONE_BUSINESS,
    }
)


def can_download(user: User | AnonymousUser, job: ExportJob) -> bool:
    return job.user_id == user.pk and job.status == "done"


def can_confirm(user: User | None, job: ImportJob) -> bool:
    """Write a checked background import: its owner only (the page is the owner's alone too)."""
    return user is not None and job.user_id == user.pk
