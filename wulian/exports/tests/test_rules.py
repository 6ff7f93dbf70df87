"""The background jobs' object predicates (``rules.can_<verb>``): their owner's only."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wulian.exports import rules
from wulian.exports.models import ImportJob
from wulian.exports.services import confirm_import


def _job(user):
    return ImportJob.objects.create(
        user=user,
        importer="orgs",
        title="组织导入",
        filename="a.xlsx",
        token="0" * 32 + ".xlsx",
        total=2,
        page_url="/",
        list_url="/",
        status="done",
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )


def test_only_the_owner_confirms_an_import(world):
    job = _job(world.users["xihuamen_admin"])
    assert rules.can_confirm(world.users["xihuamen_admin"], job) is True
    assert rules.can_confirm(world.users["xiyuhe_admin"], job) is False
    assert rules.can_confirm(None, job) is False


def test_confirming_someone_elses_import_is_refused_and_queues_nothing(world):
    job = _job(world.users["xihuamen_admin"])
    with pytest.raises(PermissionDenied):
        confirm_import(job=job, by=world.users["xiyuhe_admin"], skip_bad=False)
    job.refresh_from_db()
    assert (job.status, job.phase) == ("done", ImportJob._meta.get_field("phase").default)
