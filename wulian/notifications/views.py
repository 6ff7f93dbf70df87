from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.core.views_helpers import layout_for, paginate, permission_required
from wulian.notifications import services
from wulian.notifications.selectors import notifications_for, unread_count


@login_required
@permission_required("notification.view")
def notification_list(request):
    return render(request, "notifications/list.html", {"page_obj": paginate(request, notifications_for(request.user)),
                                                       "base_template": layout_for(request.user)})


@login_required
@permission_required("notification.view")
def notification_open(request, pk):
    note = get_in_scope_or_404(notifications_for(request.user), pk=pk)
    services.mark_read(user=request.user, notification_id=note.pk)
    return redirect(note.url or "notifications:list")


@login_required
@permission_required("notification.view")
@require_POST
def read_all(request):
    services.mark_read(user=request.user)
    return redirect("notifications:list")


@login_required
def bell(request):
    """The bell's unread count, polled by htmx."""
    return render(request, "notifications/bell.html", {"unread": unread_count(request.user)})
