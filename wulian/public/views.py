"""Public pages (no login): an area's published facts, their open-data downloads (JSON for the
whole area, CSV per section) and a published evaluation round's ranking. Read-only, throttled
per address and cached on the shared cache; no personal data (``public/tests``)."""

import csv
import io

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from wulian.accounts.throttling import throttle_public
from wulian.areas.models import Area, Level
from wulian.core.spreadsheets import neutralise
from wulian.core.text import visible_controls
from wulian.public import facts

CACHE_SECONDS = settings.WULIAN_PUBLIC_CACHE_SECONDS


def _area_or_404(code: str) -> Area:
    area = facts.public_area(code)
    if area is None:
        raise Http404
    return area


def _clean(value):
    """What the open data may hold: every control character shown as its Control Picture."""
    if isinstance(value, str):
        return visible_controls(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _licence_headers(response: HttpResponse) -> HttpResponse:
    response["Link"] = f'<{settings.WULIAN_OPEN_DATA_LICENCE["url"]}>; rel="license"'
    return response


@throttle_public
@cache_page(CACHE_SECONDS)
@require_GET
def index(request):
    """The city (and its districts) to start from."""
    cities = list(Area.objects.filter(level=Level.CITY).order_by("code"))
    return render(
        request,
        "public/index.html",
        {
            "cities": cities,
            "districts": Area.objects.filter(parent__in=cities).order_by("code")[:60],
            "licence": facts.licence(),
        },
    )


@throttle_public
@cache_page(CACHE_SECONDS)
@require_GET
def area_page(request, code):
    area = _area_or_404(code)
    shown = facts.area_facts(area)
    sections = [
        {
            "key": s.key,
            "title": s.title,
            "columns": s.columns,
            "rows": [[row.get(k) for k, _label in s.columns] for row in shown["sections"][s.key]],
            "csv": reverse("public:area_csv", args=[area.code, s.key]),
        }
        for s in facts.sections()
    ]
    rounds = []
    if "evaluations" in shown["sections"]:
        seen = {}
        for row in shown["sections"]["evaluations"]:
            seen.setdefault(row["round_id"], row["round"])
        rounds = [{"pk": pk, "title": title} for pk, title in seen.items()]
    children = (
        Area.objects.filter(parent=area, level__in=facts.PUBLIC_LEVELS).order_by("code")[:200]
        if area.level != Level.COMMUNITY
        else []
    )
    return render(
        request,
        "public/area.html",
        {
            "area": area,
            "ancestors": area.ancestors(),
            "children": children,
            "sections": sections,
            "centre": shown["centre"],
            "licence": shown["licence"],
            "rounds": rounds,
            "json_url": reverse("public:area_json", args=[area.code]),
        },
    )


@throttle_public
@cache_page(CACHE_SECONDS)
@require_GET
def area_json(request, code):
    area = _area_or_404(code)
    data = _clean(facts.area_facts(area))
    data["source"] = request.build_absolute_uri(reverse("public:area", args=[area.code]))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="wulian-{area.code}.json"'
    return _licence_headers(response)


@throttle_public
@cache_page(CACHE_SECONDS)
@require_GET
def area_csv(request, code, section):
    area = _area_or_404(code)
    chosen = next((s for s in facts.sections() if s.key == section), None)
    if chosen is None:
        raise Http404
    rows = facts.area_facts(area)["sections"][chosen.key]
    licence = facts.licence()
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 with a BOM
    # The metadata block: comment lines before the header (csvw "commentPrefix" #).
    out.write(f"# {visible_controls(area.name)} · {chosen.title}\n")
    out.write(
        "# "
        + _("许可：%(name)s %(url)s，署名：%(by)s")
        % {"name": licence["name"], "url": licence["url"], "by": licence["attribution"]}
        + "\n"
    )
    out.write(
        "# "
        + _("来源：%(url)s")
        % {"url": request.build_absolute_uri(reverse("public:area", args=[area.code]))}
        + "\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(label) for _key, label in chosen.columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(key)) for key, _label in chosen.columns])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wulian-{area.code}-{chosen.key}.csv"'
    return _licence_headers(response)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


@throttle_public
@cache_page(CACHE_SECONDS)
@require_GET
def round_results(request, pk):
    """A published 双向评议 round's ranking and 先进单位, for residents and the public (issue 9,
    defect 5); any other round answers 404."""
    from wulian.evaluations.models import EvaluationRound, RoundState
    from wulian.evaluations.selectors import ranking_tables, results

    rnd = get_object_or_404(
        EvaluationRound.objects.select_related("scope"), pk=pk, state=RoundState.PUBLISHED
    )
    rows = list(results(rnd))
    tables = ranking_tables(rows)
    return render(
        request,
        "public/round.html",
        {
            "round": rnd,
            "tables": [
                (_("驻区单位"), tables["unit"]),
                (_("街道党组织"), tables["street"]),
                (_("社区党组织"), tables["community"]),
            ],
            "exemplary": [r for r in rows if r.exemplary],
            "licence": facts.licence(),
        },
    )
