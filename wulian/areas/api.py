"""Areas over the API: the territory tree as the caller may see it (read only)."""

from ninja import Router, Schema
from ninja.pagination import paginate

from wulian.accounts.selectors import get_in_scope_or_404
from wulian.areas.models import Area, Level
from wulian.areas.selectors import visible_areas
from wulian.core.bounds import Pagination
from wulian.web.api_helpers import require

router = Router(tags=["areas 行政区划"])

MAX_LIMIT = 500


class AreaOut(Schema):
    code: str
    name: str
    level: Level
    parent: str | None
    depth: int
    is_urban: bool

    @staticmethod
    def resolve_parent(obj: Area) -> str | None:
        # The parent's code is the second-last code of the path: no query per row.
        codes = obj.ancestor_codes()
        return codes[-2] if len(codes) > 1 else None


@router.get("/", response=list[AreaOut], url_name="area_list", summary="区域列表")
@paginate(Pagination)
def area_list(request, level: Level | None = None, parent: str | None = None, q: str = ""):
    """Areas in the caller's subtrees; filter by `level`, by `parent` (the parent's code) and by
    `q` (part of the name, or the start of the code). `count` is the total of the filter."""
    require(request, "area.view")
    qs = visible_areas(request.user).search(q.strip())
    if level is not None:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent__code=parent.strip())
    return qs.order_by("path")


@router.get("/{code}/", response=AreaOut, url_name="area_detail", summary="区域详情")
def area_detail(request, code: str):
    require(request, "area.view")
    return get_in_scope_or_404(visible_areas(request.user), code=code)
