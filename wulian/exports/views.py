from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.core.spreadsheets import XLSX
from wulian.exports import services
from wulian.exports.rules import can_confirm, can_download
from wulian.exports.selectors import own_import_jobs, own_jobs
from wulian.web.views_helpers import permission_required


def start_or_send(request, *, name: str, params: dict, total: int, send):
    """What an export view calls: small exports are sent at once (``send()``), large ones
    become a background job and the user goes to its progress page."""
    from django.conf import settings

    if total <= settings.EXPORT_BACKGROUND_ROWS:
        return send()
    job = services.start_export(name=name, by=request.user, params=params, total=total)
    return redirect(reverse("exports:detail", args=[job.pk]))


@login_required
@permission_required("export.own")
def job_list(request):
    from django.conf import settings

    from wulian.web.views_helpers import layout_for

    return render(
        request,
        "exports/job_list.html",
        {
            "jobs": own_jobs(request.user)[:50],
            "limit": settings.EXPORT_BACKGROUND_ROWS,
            "base_template": layout_for(request.user),
        },
    )


@login_required
@permission_required("export.own")
def job_detail(request, pk):
    job = get_in_scope_or_404(own_jobs(request.user), pk=pk)
    template = "exports/_progress.html" if request.htmx else "exports/job_detail.html"
    return render(request, template, {"job": job})


@login_required
@permission_required("export.own")
def job_download(request, pk):
    job = get_in_scope_or_404(own_jobs(request.user), pk=pk)
    if not can_download(request.user, job) or job.expires_at <= timezone.now():
        raise Http404
    path = services.export_dir() / job.file
    if not path.exists():
        raise Http404
    stamp = timezone.localtime(job.finished_at).strftime("%Y%m%d%H%M")
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"{job.title}_{stamp}.xlsx", content_type=XLSX
    )


@login_required
@permission_required("import.own")
def import_detail(request, pk):
    """A background import's progress; when checked, the preview and the confirmation; when
    written, how many rows went in. Polled by htmx while the worker runs."""
    job = get_in_scope_or_404(own_import_jobs(request.user), pk=pk)
    job.done_rows = services.import_progress(job)
    template = "exports/_import_progress.html" if request.htmx else "exports/import_detail.html"
    return render(
        request,
        template,
        {"job": job, "result": job.result, "can_confirm": can_confirm(request.user, job)},
    )


@login_required
@permission_required("import.own")
@require_POST
def import_confirm(request, pk):
    job = get_in_scope_or_404(own_import_jobs(request.user), pk=pk)
    try:
        queued = services.confirm_import(
            job=job, by=request.user, skip_bad=request.POST.get("skip_errors") == "1"
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if not queued:  # a second click while the first is being written, or already written
            messages.info(request, _("这份导入已在写入或已经写入，这次确认没有重复提交。"))
    return redirect(reverse("exports:import_detail", args=[job.pk]))
