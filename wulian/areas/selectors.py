from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr

from wulian.accounts.selectors import scope_for
from wulian.areas.models import Area, FunctionalArea
from wulian.areas.tree import AreaTree, area_tree


def visible_areas(user: Any) -> QuerySet[Area]:
    """Areas in the user's subtrees (the area field of an Area is itself)."""
    return scope_for(user).filter(Area.objects.all(), area="pk")


def search_area(user: Any, code: str | None) -> Area | None:
    """The area a list's area filter names, for keeping that subtree: None when no code is given;
    when the code is unknown or outside the user's subtrees, an area whose subtree holds nothing,
    so the list shows nothing rather than everything."""
    if not code:
        return None
    return visible_areas(user).filter(code=code.strip()).first() or Area(path="-none-")


def root_areas(user: Any) -> QuerySet[Area]:
    """The tops of the user's view: the roots of their subtrees, or for a department user the
    area of its level (what its line's counts are broken down under)."""
    scope = scope_for(user)
    return Area.objects.filter(
        path__in=[*scope.area_paths, *(line.area_path for line in scope.lines)]
    )


def child_counts(children: list[Area], qs: QuerySet, area_field: str) -> dict[str, int]:
    """Count rows of an (already scoped) queryset under each child, in one grouped query.

    Children of one parent share a level and so a path length: group by the path prefix."""
    if not children:
        return {}
    length = len(children[0].path)
    parent_path = children[0].path[: -len(children[0].code) - 1]
    rows = (
        qs.filter(**{f"{area_field}__path__startswith": parent_path})
        .annotate(prefix=Substr(f"{area_field}__path", 1, length))
        .values("prefix")
        .annotate(n=Count("pk"))
    )
    by_prefix = {r["prefix"]: r["n"] for r in rows}
    return {c.path: by_prefix.get(c.path, 0) for c in children}


def functional_areas(city: Area) -> list[FunctionalArea]:
    """The functional areas counted beside a city's districts, with their streets (two queries)."""
    return list(FunctionalArea.objects.filter(city=city).prefetch_related("streets"))


def area_in_view(user: Any, code: str | None, *, tree: AreaTree | None = None) -> Area | None:
    """The area of ``code`` when it lies in the user's subtrees (as ``visible_areas``), from the
    cached structure (``areas.tree``): the user's scope is applied here, never cached."""
    area = (tree or area_tree()).get(code)
    return area if area is not None and scope_for(user).covers_path(area.path) else None


def root_areas_in_tree(user: Any, *, tree: AreaTree | None = None) -> list[Area]:
    """``root_areas`` in code order, from the cached structure."""
    scope = scope_for(user)
    tree = tree or area_tree()
    found = (
        tree.at_path(path)
        for path in {*scope.area_paths, *(line.area_path for line in scope.lines)}
    )
    return sorted((area for area in found if area is not None), key=lambda area: area.code)
