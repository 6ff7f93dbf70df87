"""The figures over the API: an area's counters and its children's (the city dashboard's figures)."""

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from wulian.accounts.rules import has_action
from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.selectors import visible_areas
from wulian.figures import selectors

router = Router(tags=["figures 数据"])


class ChildOut(Schema):
    code: str
    name: str
    figures: dict[str, float]


class FunctionalOut(Schema):
    key: str
    name: str
    kind: str
    streets: list[str]
    figures: dict[str, float]


class AreaFiguresOut(Schema):
    code: str
    name: str
    level: str
    figures: dict[str, float]
    children: list[ChildOut]
    functional_areas: list[FunctionalOut]  # a city's 功能区: sums of their streets, not added again


@router.get("/areas/{code}", response=AreaFiguresOut, url_name="figures_area")
def area_figures(request, code: str):
    if not has_action(request.user, "figures.view"):
        raise PermissionDenied("figures.view")
    area = get_in_scope_or_404(visible_areas(request.user), code=code)
    figures, children, functional = selectors.figures_children_functional(area)
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "figures": figures,
        "children": [{"code": c.code, "name": c.name, "figures": v} for c, v in children],
        "functional_areas": [
            {
                "key": fa.key,
                "name": fa.name,
                "kind": fa.kind,
                "streets": [s.code for s in fa.streets.all()],
                "figures": v,
            }
            for fa, v in functional
        ],
    }
