from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from wulian.audit.models import AuditEntry
from wulian.core.channels import CHANNEL_CHOICES
from wulian.core.views_helpers import paginate, permission_required


def search_entries(request):
    return AuditEntry.objects.search(
        q=request.GET.get("q", "").strip(), action=request.GET.get("action", "").strip(),
        actor=request.GET.get("actor", "").strip(), channel=request.GET.get("channel", ""),
    )


@login_required
@permission_required("audit.view")
def entry_list(request):
    return render(request, "audit/list.html", {
        "page_obj": paginate(request, search_entries(request)), "channels": CHANNEL_CHOICES,
    })


@login_required
@permission_required("audit.view")
def entry_detail(request, pk):
    return render(request, "audit/detail.html", {"entry": get_object_or_404(AuditEntry, pk=pk)})
