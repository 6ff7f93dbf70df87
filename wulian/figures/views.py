from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area
from wulian.areas.selectors import root_areas, visible_areas
from wulian.core.spreadsheets import xlsx_response
from wulian.figures import charts, exporters, screen, selectors, services
from wulian.figures.models import ScreenLink
from wulian.web.views_helpers import act, flash_errors, permission_required


@login_required
@permission_required("figures.view")
def home(request):
    roots = list(root_areas(request.user))
    if len(roots) == 1:
        return redirect("figures:dashboard", code=roots[0].code)
    return render(request, "figures/home.html", {"roots": roots})


def _area(request, code) -> Area:
    return get_in_scope_or_404(visible_areas(request.user), code=code)


@login_required
@permission_required("figures.view")
def dashboard(request, code):
    area = _area(request, code)
    d = selectors.dashboard(area)
    visible = set(
        visible_areas(request.user)
        .filter(code__in=area.ancestor_codes())
        .values_list("code", flat=True)
    )
    return render(
        request,
        "figures/dashboard.html",
        {
            "d": d,
            "area": area,
            "ancestors": [(a, a.code in visible) for a in area.ancestors()],
            "can_export": has_action(request.user, "figures.export"),
            "can_share": has_action(request.user, "figures.share_screen"),
        },
    )


@login_required
@permission_required("figures.view")
def chart_data(request, code):
    area = _area(request, code)
    return JsonResponse(charts.all_charts(selectors.dashboard(area)))


@login_required
@permission_required("figures.export")
def export(request, code):
    area = _area(request, code)
    return xlsx_response(
        exporters.export_dashboard(selectors.dashboard(area)), f"{area.name}-数据看板.xlsx"
    )


@login_required
@permission_required("figures.share_screen")
@require_POST
def screen_link(request, code):
    area = _area(request, code)
    try:
        days = int(request.POST.get("days", screen.DEFAULT_DAYS))
    except ValueError:
        days = 0
    try:
        link = services.share_screen(area=area, by=request.user, days=days)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("figures:dashboard", code=area.code)
    url = request.build_absolute_uri(reverse("figures:screen", args=[screen.token_for(link)]))
    return render(
        request, "figures/screen_link.html", {"area": area, "url": url, "days": days, "link": link}
    )


@login_required
@permission_required("figures.share_screen")
def screen_links(request):
    """The big-screen links of the user's areas, live first, each revocable."""
    links = ScreenLink.objects.filter(area__in=visible_areas(request.user)).select_related(
        "area", "created_by", "revoked_by"
    )[:200]
    return render(request, "figures/screen_links.html", {"links": links, "now": timezone.now()})


@login_required
@permission_required("figures.share_screen")
@require_POST
def screen_link_revoke(request, pk):
    link = get_in_scope_or_404(
        ScreenLink.objects.filter(area__in=visible_areas(request.user)), pk=pk
    )
    return act(
        request,
        services.revoke_screen_link,
        link=link,
        success=_("大屏链接已撤销。"),
        redirect_to="figures:screen_links",
    )


def _screen_area(token) -> Area:
    code = screen.read_token(token)
    area = Area.objects.filter(code=code).first() if code else None
    if area is None:
        raise Http404
    return area


def big_screen(request, token):
    """The 1920×1080 big screen; public with a valid signed link."""
    area = _screen_area(token)
    return render(
        request,
        "figures/screen.html",
        {"area": area, "token": token, "d": selectors.dashboard(area)},
    )


def big_screen_data(request, token):
    area = _screen_area(token)
    d = selectors.dashboard(area)
    return JsonResponse(
        {
            "area": area.name,
            "sections": [[t, [[label, v] for _k, label, v in items]] for t, items in d.sections],
            "charts": charts.all_charts(d, dark=True),
        }
    )
