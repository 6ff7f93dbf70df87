"""Every list and dashboard URL (pages and API) has a query-count guard.

A guard is a test decorated with ``@query_guard("app:name", ...)`` (``wulian/web/testing.py``)
that calls ``assert_flat_queries`` on each name it declares: the same number of queries before
and after more rows (for lists) or more facts and children (for dashboards). This test collects
the declarations from every test module and fails naming each list or dashboard URL without one.

Which URLs are lists or dashboards, by name (the part after the last namespace):

- ``list``, ``lists``, ``menu`` and ``export``, or a name ending in ``_list``, ``_lists``,
  ``_menu`` or ``_export``: a table of rows, as a page, an endpoint or a spreadsheet (an export
  of one object's rows, such as an agreement's fulfilment, is a list of those rows);
- ``DASHBOARDS``: the figures of an area and its children, however they are served;
- ``LISTS_NAMED_OTHERWISE``: lists whose names say what they hold rather than ``list``.

Name a new list ``…_list`` (or its export ``…_export``) and the rule picks it up.
"""

import re
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import wulian
from wulian.web.testing import assert_flat_queries, query_guard

LIST_NAME = re.compile(r"(^|_)(list|lists|menu|export)$")

DASHBOARDS = {
    "figures:dashboard",
    "figures:charts",
    "figures:export",
    "figures:screen",
    "figures:screen_data",
    "api:figures_area",
}

LISTS_NAMED_OTHERWISE = {
    "accounts:my_data",
    "api:booking_mine",
    "api:duties",
    "api:need_ledger",
    "web:pick_areas",
    "web:pick_orgs",
    "web:pick_people",
    "councils:my",
    "dispatches:inquiries",
    "dispatches:inspections",
    "dispatches:rectifications",
    "duties:index",
    "needs:claimed",
    "needs:ledger",
    "needs:mine",
    "needs:registrations",
    "resources:browse",
    "resources:inventory",
    "resources:my_bookings",
}


def named_urls(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            names |= named_urls(
                entry.url_patterns,
                f"{namespace}{entry.namespace}:" if entry.namespace else namespace,
            )
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


def lists_and_dashboards() -> set[str]:
    names = named_urls()
    by_name = {name for name in names if LIST_NAME.search(name.rsplit(":", 1)[-1])}
    return by_name | (DASHBOARDS & names) | (LISTS_NAMED_OTHERWISE & names)


def declared_guards() -> dict[str, list[str]]:
    """URL name → the guard tests (``module::test``) that declare it."""
    root = Path(wulian.__file__).parent
    guards: dict[str, list[str]] = {}
    for path in sorted(root.glob("*/tests/**/test_*.py")):
        if "query_guard(" not in path.read_text(encoding="utf-8"):
            continue
        module = import_module(".".join(("wulian", *path.relative_to(root).with_suffix("").parts)))
        for attr, test in vars(module).items():
            if attr.startswith("test_") and callable(test):
                for name in getattr(test, "query_guards", ()):
                    guards.setdefault(name, []).append(f"{module.__name__}::{attr}")
    return guards


def test_the_rule_selects_the_lists_and_dashboards():
    selected = lists_and_dashboards()
    assert {
        "orgs:list",
        "api:org_list",
        "needs:menu",
        "duties:lists",
        "people:export",
        "figures:dashboard",
        "api:figures_area",
        "needs:mine",
    } <= selected
    assert (
        not {"orgs:detail", "api:org_detail", "orgs:create", "needs:post", "figures:screen_link"}
        & selected
    )
    assert named_urls() >= LISTS_NAMED_OTHERWISE
    assert named_urls() >= DASHBOARDS


def test_every_list_and_dashboard_url_has_a_query_count_guard():
    missing = sorted(lists_and_dashboards() - set(declared_guards()))
    assert missing == [], (
        f"list or dashboard URLs without a query-count guard: {missing}; add a test decorated with "
        "@query_guard(name) that calls assert_flat_queries (wulian/web/testing.py) in the app's tests"
    )


def test_every_declared_guard_names_an_existing_url():
    unknown = {name: tests for name, tests in declared_guards().items() if name not in named_urls()}
    assert unknown == {}


class _ClientWithOneQueryPerRow:
    """A stand-in client whose every GET makes one query per row."""

    def __init__(self) -> None:
        self.rows = 1

    def get(self, url: str, **headers: str) -> Any:
        with connection.cursor() as cursor:
            for _ in range(self.rows):
                cursor.execute("SELECT 1")
        return type("Response", (), {"status_code": 200})()


@pytest.mark.django_db
def test_the_guard_fails_with_both_counts_and_the_extra_queries():
    client = _ClientWithOneQueryPerRow()
    with pytest.raises(AssertionError) as failure:
        assert_flat_queries(client, reverse("orgs:list"), lambda: setattr(client, "rows", 3))
    assert str(failure.value).splitlines() == [
        "orgs:list (/orgs/) made 1 queries, then 3 after add_rows().",
        "  extra ×2: SELECT ?",
    ]


def test_a_guard_that_never_checks_its_declared_url_fails():
    @query_guard("orgs:list", "orgs:export")
    def guard(name: str) -> None:
        pass

    with pytest.raises(
        AssertionError, match="declared in @query_guard but not checked: \\['orgs:list'\\]"
    ):
        guard(name="orgs:list")


class _ClientThatHidesTheNewRows:
    """A stand-in client whose every GET lists the same one row, however many were added."""

    def get(self, url: str, **headers: str) -> Any:
        from django.http import JsonResponse

        return JsonResponse([{"id": 1}], safe=False)


@pytest.mark.django_db
def test_the_guard_fails_when_the_added_rows_do_not_appear():
    with pytest.raises(AssertionError) as failure:
        assert_flat_queries(_ClientThatHidesTheNewRows(), reverse("orgs:list"), lambda: None)
    assert str(failure.value) == (
        "orgs:list (/orgs/) listed 1 rows, then 1 after add_rows(): expected 2 more (the added rows must appear)"
    )


def test_rows_are_counted_in_json_pages_tables_and_spreadsheets():
    import io

    from django.http import HttpResponse, JsonResponse
    from openpyxl import Workbook

    from wulian.web.testing import count_rows

    workbook, xlsx = Workbook(), io.BytesIO()
    for row in (["名称"], ["甲"], ["乙"], [None]):
        workbook.active.append(row)
    workbook.save(xlsx)

    table = "<table><thead><tr><th>名称</th></tr></thead><tbody><tr><td>甲</td></tr><tr><td>乙</td></tr></tbody></table>"
    assert count_rows(JsonResponse([1, 2, 3], safe=False)) == 3
    assert count_rows(JsonResponse({"items": [1, 2], "count": 2})) == 2
    assert count_rows(HttpResponse(table)) == 2
    assert count_rows(HttpResponse("a,b\n1,2\n", content_type="text/csv")) == 2
    assert (
        count_rows(
            HttpResponse(
                xlsx.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        )
        == 3
    )  # the header and two rows
    with pytest.raises(
        AssertionError, match="cannot count the rows of a 'application/pdf' response"
    ):
        count_rows(HttpResponse(b"%PDF", content_type="application/pdf"))
