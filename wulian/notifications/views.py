from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.notifications import services
from wulian.notifications.delivery import preference_table
from wulian.notifications.selectors import notifications_for, unread_count
from wulian.web.views_helpers import flash_errors, layout_for, paginate, permission_required


@login_required
@permission_required("notification.view")
def notification_list(request):
    return render(
        request,
        "notifications/list.html",
        {
            "page_obj": paginate(request, notifications_for(request.user)),
            "base_template": layout_for(request.user),
        },
    )


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


def _preferences_context(user) -> dict:
    from wulian.notifications.delivery import reach_of
    from wulian.notifications.models import CHOSEN_CHANNELS, DeliverySettings
    from wulian.notifications.services import unreachable_reason

    reach = reach_of([user.pk])[user.pk]
    own = DeliverySettings.objects.filter(user=user).first()
    channels = [
        {
            "value": c.value,
            "label": c.label,
            "reachable": reach.can(c.value),
            "reason": unreachable_reason(c.value),
        }
        for c in CHOSEN_CHANNELS
    ]
    rows = preference_table(user)
    for row in rows:
        row["cells"] = [
            {
                "name": f"{row['kind']}.{c['value']}",
                "on": row["channels"][c["value"]],
                "reachable": c["reachable"],
                "label": c["label"],
            }
            for c in channels
        ]
    return {"rows": rows, "channels": channels, "reach": reach, "own": own, "quiet": reach.quiet}


@login_required
@permission_required("notification.view")
def preferences(request):
    """Each user's channels per kind and quiet hours (Asia/Shanghai)."""
    from wulian.notifications.models import CHOSEN_CHANNELS

    if request.method == "POST":
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.db import transaction
        from django.utils.translation import gettext as _

        from wulian.notifications.kinds import KINDS

        choices = {
            (kind, c.value): f"{kind}.{c.value}" in request.POST
            for kind in KINDS
            for c in CHOSEN_CHANNELS
        }
        reach = _preferences_context(request.user)["reach"]
        # A channel the user cannot be reached on is shown disabled: an absent box is not a choice.
        choices = {key: on for key, on in choices.items() if on or reach.can(key[1])}
        try:
            with transaction.atomic():
                services.set_preferences(user=request.user, by=request.user, choices=choices)
                services.set_delivery_settings(
                    user=request.user,
                    by=request.user,
                    quiet_enabled="quiet_enabled" in request.POST,
                    quiet_from=request.POST.get("quiet_from", ""),
                    quiet_until=request.POST.get("quiet_until", ""),
                )
        except ValidationError as exc:
            flash_errors(request, exc)
            return render(
                request,
                "notifications/preferences.html",
                _preferences_context(request.user),
                status=400,
            )
        messages.success(request, _("通知方式已保存。"))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", _preferences_context(request.user))
