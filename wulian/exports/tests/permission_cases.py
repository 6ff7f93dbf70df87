from wulian.web.testing import Target, UrlCase


def _resident_job(world):
    """A finished export of resident_demo's (李秀英): only she may follow and download it."""
    import datetime as dt

    from django.utils import timezone

    from wulian.exports.models import ExportJob
    from wulian.exports.services import export_dir

    user = world.users["resident_demo"]
    job = ExportJob.objects.create(
        user=user,
        export="funds.projects",
        title="惠民项目",
        total=0,
        status="done",
        file="matrix.xlsx",
        finished_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    (export_dir() / "matrix.xlsx").write_bytes(b"PK")
    return [Target({"pk": job.pk}, person=user.person)]


def _resident_import(world):
    """A checked import of resident_demo's (李秀英), its upload gone: only she may follow it, and
    her confirmation queues nothing."""
    import datetime as dt

    from django.utils import timezone

    from wulian.exports.models import ImportJob

    user = world.users["resident_demo"]
    job = ImportJob.objects.create(
        user=user,
        importer="orgs",
        title="组织导入",
        filename="matrix.xlsx",
        total=2,
        status="done",
        page_url="/",
        list_url="/",
        finished_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    return [Target({"pk": job.pk}, person=user.person)]


CASES = [
    UrlCase("exports:list", action="export.own"),
    UrlCase("exports:detail", action="export.own", targets=_resident_job),
    UrlCase("exports:download", action="export.own", targets=_resident_job),
    UrlCase("exports:import_detail", action="import.own", targets=_resident_import),
    UrlCase(
        "exports:import_confirm",
        action="import.own",
        method="post",
        targets=_resident_import,
        data=lambda w: {},
        expect=302,
    ),
]
