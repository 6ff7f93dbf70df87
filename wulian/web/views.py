from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import ACTIONS, role_kinds
from wulian.core.health import check_health
from wulian.core.todos import todos_for


@login_required
def home(request):
    kinds = role_kinds(request.user)
    roles = list(request.user.roles.select_related("org"))
    # Residents, members and accounts without a role yet (a sign-up waiting for its community)
    # get the phone home.
    if not kinds - {RoleKind.RESIDENT, RoleKind.PARTY_MEMBER}:
        template = "core/home_mobile.html"
    else:
        template = "core/home.html"
    allowed = sorted(a for a, ks in ACTIONS.items() if kinds & ks)
    return render(
        request,
        template,
        {
            "roles": roles,
            "allowed_actions": allowed,
            "todos": todos_for(request.user),
        },
    )


def healthz(request):
    """Liveness and readiness for load balancers and `make prod`: database, cache and queue."""
    healthy, parts = check_health()
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": parts}, status=200 if healthy else 503
    )


@login_required
def retention(request):
    """The retention table (settings.WULIAN_RETENTION): how long each kind of record is kept,
    on what basis, and whether the nightly job purges it."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext

    from wulian.accounts.rules import has_action
    from wulian.core.personal_data import retention_table

    if not has_action(request.user, "retention.view"):
        raise PermissionDenied("retention.view")
    rows = [
        {**row, "label": gettext(row["label"]), "basis": gettext(row["basis"])}
        for row in retention_table()
    ]
    return render(request, "core/retention.html", {"rows": rows})
