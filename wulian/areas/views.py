from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wulian.accounts.selectors import get_in_scope_or_404, scope_for
from wulian.areas import services
from wulian.areas.models import Area, Level
from wulian.areas.panels import columns_for, lines_for, panels_for
from wulian.areas.rules import can_create_grid
from wulian.areas.selectors import area_in_view, root_areas, visible_areas
from wulian.areas.tree import area_tree
from wulian.web.views_helpers import permission_required


@login_required
@permission_required("area.view")
def browse(request):
    roots = list(root_areas(request.user))
    if len(roots) == 1:
        return redirect("areas:detail", code=roots[0].code)
    return render(request, "areas/browse.html", {"roots": roots})


@login_required
@permission_required("area.view")
def detail(request, code):
    tree = area_tree()  # the structure, cached; the user's scope applies below
    area = area_in_view(request.user, code, tree=tree)
    if area is None:
        raise Http404
    scope = scope_for(request.user)
    ancestors = [(a, scope.covers_path(a.path)) for a in tree.ancestors(area)]
    children = tree.children(area.code)
    columns = columns_for(request, area, children)
    rows = [(c, [(column, column.cells.get(c.path)) for column in columns]) for c in children]
    return render(
        request,
        "areas/detail.html",
        {
            "area": area,
            "ancestors": ancestors,
            "rows": rows,
            "columns": columns,
            "totals": [column for column in columns if column.total is not None],
            "links": [column for column in columns if column.link],
            "lines": lines_for(request, area),
            "can_create_grid": area.level == Level.COMMUNITY
            and can_create_grid(request.user, area),
            "child_level": children[0].get_level_display() if children else "",
            "panels": panels_for(request, area),
        },
    )


@login_required
@permission_required("area.create_grid")
@require_POST
def grid_create(request, code):
    community = get_in_scope_or_404(visible_areas(request.user), code=code)
    try:
        grid = services.create_grid(
            community=community, name=request.POST.get("name", ""), by=request.user
        )
    except ValidationError as exc:
        for msgs in exc.message_dict.values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, _("网格“%(n)s”已创建。") % {"n": grid.name})
    return redirect("areas:detail", code=community.code)


__all__ = ["Area"]
