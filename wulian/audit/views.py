from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from wulian.audit.exporters import export_entries
from wulian.audit.models import AuditEntry
from wulian.core.channels import CHANNEL_CHOICES
from wulian.web.spreadsheet_views import export_response
from wulian.web.views_helpers import paginate, permission_required


def search_entries(request):
    return AuditEntry.objects.search(
        q=request.GET.get("q", "").strip(),
        action=request.GET.get("action", "").strip(),
        actor=request.GET.get("actor", "").strip(),
        channel=request.GET.get("channel", ""),
    )


@login_required
@permission_required("audit.view")
def entry_list(request):
    return render(
        request,
        "audit/list.html",
        {
            "page_obj": paginate(request, search_entries(request)),
            "channels": CHANNEL_CHOICES,
        },
    )


@login_required
@permission_required("audit.view")
def entry_detail(request, pk):
    return render(request, "audit/detail.html", {"entry": get_object_or_404(AuditEntry, pk=pk)})


@login_required
@permission_required("audit.export")
def entry_export(request):
    entries = search_entries(request)
    filters = {
        k: request.GET.get(k, "").strip()
        for k in ("q", "action", "actor", "channel")
        if request.GET.get(k)
    }
    count = entries.count()
    return export_response(
        request,
        action="audit.export",
        object_type="audit.auditentry",
        title=_("审计日志"),
        data=export_entries(entries.iterator(chunk_size=2000)),
        count=count,
        filters=filters,
    )
