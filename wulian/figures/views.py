from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import root_areas, visible_areas
from wulian.core.views_helpers import permission_required


@login_required
@permission_required("figures.view")
def home(request):
    roots = list(root_areas(request.user))
    if len(roots) == 1:
        return redirect("figures:dashboard", code=roots[0].code)
    return render(request, "figures/home.html", {"roots": roots})


@login_required
@permission_required("figures.view")
def dashboard(request, code):
    area = get_in_scope_or_404(visible_areas(request.user), code=code)
    return render(request, "figures/dashboard.html", {"area": area})
