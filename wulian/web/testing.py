"""Test vocabulary: the permission matrix's cases and the query-count guards.

The permission matrix's vocabulary is shared by every app's ``tests/permission_cases.py``.

Every named URL (pages and API) must appear in some app's ``CASES``; the matrix test
(``wulian/accounts/tests/test_permission_matrix.py``) requests each case as every role, for each
target, and expects:

- anonymous: a redirect to the login page (pages) or 401 (API);
- a role whose kinds are not allowed the case's action: 403;
- an allowed role, target outside its scope: 404 (exactly as if it did not exist); a target
  is in scope by its area, its org (a unit contact's), the user's own person, or one of the
  orgs taking part in it (``Target.orgs``, see ``Scope.answers_for``);
- an allowed role, target inside its scope (or no target): a status below 400, or 400/422 for
  a POST the case sends without valid data (the form or API error path).
"""

import functools
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve


@dataclass
class Target:
    """One object a URL is about: its URL kwargs and where it sits for scoping."""

    kwargs: dict[str, Any]
    area: Any = None  # the Area the object belongs to (territorial scope)
    org: Any = None  # or the Org (a unit contact's scope); either may be given, or both
    person: Any = None  # or a Person (the user's own record)
    # Orgs taking part in the object wherever it sits (invited to a meeting, leading or supporting
    # an action item, criticised, inspected, asked): a user who answers for one of them (works
    # for it, or is area staff of a subtree it is located in) sees the object too.
    orgs: tuple[Any, ...] = ()
    # Providers a need was offered to (registered party members, units of its street): once it is
    # taken they still open its short page (the link of their notification), nothing more.
    offered_people: tuple[Any, ...] = ()
    offered_units: tuple[Any, ...] = ()


@dataclass
class UrlCase:
    name: str  # URL name, e.g. "orgs:detail" or "api:org_detail"
    action: str | None  # the action of the role × action table; None = public
    method: str = "get"
    targets: Callable[[Any], list[Target]] = field(default=lambda world: [Target({})])
    data: Callable[[Any], dict] | None = None  # POST/PUT body (form data, or JSON for API)
    api: bool = False
    # Status an allowed, in-scope request must get, if it is exact (otherwise < 400 or 400/422).
    expect: int | None = None
    # The object's own rule (an app's ``can_<verb>``, negated) where it refuses a user the action
    # and the scope allow: e.g. the supervised org's staff on their own inspection (403).
    refused: Callable[[Any, Target], bool] | None = None


# --- Query-count guards -------------------------------------------------------------------------
#
# Every list and dashboard URL answers in the same number of queries however many rows it shows.
# A guard is a test decorated with ``@query_guard(...)`` that calls ``assert_flat_queries`` on each
# URL name it declares; ``wulian/core/tests/test_query_guards_cover_every_list.py`` fails for every
# list or dashboard URL that no guard declares.

_guarded_names: list[str] | None = None  # URL names the running guard has checked so far


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def _sql_shape(sql: str) -> str:
    """The query without its literals, so that the same query with other ids compares equal."""
    return _LITERALS.sub("?", sql)


def _captured(client: Any, url: str, headers: dict[str, str]) -> tuple[list[str], Any]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
        # A streamed body (an export written row by row) queries while it is read: read it here.
        body = (
            b"".join(response.streaming_content) if getattr(response, "streaming", False) else None
        )
    assert response.status_code == 200, f"GET {url} answered {response.status_code}, not 200"
    if body is not None:
        response.body = body
    # The rate limits' counters live in the shared database cache: whether a request inserts or
    # updates them (and the cache culls) depends on the clock, not on the rows listed.
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "wulian_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ], response


_THEAD = re.compile(r"<thead\b.*?</thead>", re.S | re.I)
_ROW = re.compile(r"<tr\b", re.I)


def count_rows(response: Any) -> int:
    """The rows a list response shows: JSON items (a list, or a page's ``items`` or ``results``), the data rows
    of an Excel workbook (every sheet) or a CSV file, the body rows of an HTML page's tables."""
    body = getattr(response, "body", None)
    if body is None:
        body = response.content
    kind = response.get("Content-Type", "").split(";")[0].strip()
    if kind == "application/json":
        data = json.loads(body)
        items = data.get("items", data.get("results")) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise AssertionError(
                f"cannot count the rows of a JSON object with keys {sorted(data)}; "
                "pass rows= to assert_flat_queries"
            )
        return len(items)
    if kind.startswith("application/vnd.openxmlformats") or body[:2] == b"PK":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return sum(
            1
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            if any(cell not in (None, "") for cell in row)
        )
    if kind == "text/csv":
        return sum(1 for line in body.decode("utf-8-sig").splitlines() if line.strip())
    if kind == "text/html":
        return len(_ROW.findall(_THEAD.sub("", body.decode())))
    raise AssertionError(
        f"cannot count the rows of a {kind!r} response; pass rows= to assert_flat_queries"
    )


def matching(pattern: str) -> Callable[[Any], int]:
    """A row counter for pages that show rows as cards, list items or options rather than table
    rows: the number of distinct matches of ``pattern`` in the page."""
    compiled = re.compile(pattern)

    def count(response: Any) -> int:
        body = getattr(response, "body", None) or response.content
        return len(set(compiled.findall(body.decode())))

    return count


def links_to(url_name: str) -> Callable[[Any], int]:
    """``matching`` the links to ``url_name`` (a URL with one ``pk``): ``rows=links_to("needs:detail")``."""
    from django.urls import reverse

    marker = 987654321
    return matching(
        re.escape(reverse(url_name, kwargs={"pk": marker})).replace(str(marker), r"\d+")
    )


def assert_flat_queries(
    client: Any,
    url: str,
    add_rows: Callable[[], object],
    *,
    headers: dict[str, str] | None = None,
    grows_by: int | Callable[[], int] | None = 2,
    rows: Callable[[Any], int] = count_rows,
) -> int:
    """GET ``url``, call ``add_rows()`` (which adds rows the requesting user sees), GET again and
    assert both requests made the same number of queries, and that the second response lists
    ``grows_by`` more rows than the first (``rows(response)`` counts them, by default
    ``count_rows``). Returns the number of queries. ``grows_by`` may also be a function counting
    the rows in the database that the user sees: the page must then grow as much as that count.

    ``grows_by=None`` is for dashboards, whose ``add_rows()`` adds facts and children rather than
    rows. A first GET warms up what is written once (an API token's last use, the session), so
    that only the rows can make a difference. ``headers`` go to ``client.get``
    (``HTTP_AUTHORIZATION``).
    """
    headers = headers or {}
    name = resolve(urlsplit(url).path).view_name
    client.get(url, **headers)
    before, first = _captured(client, url, headers)
    in_db = grows_by() if callable(grows_by) else 0
    add_rows()
    if callable(grows_by):
        grows_by = grows_by() - in_db
    after, second = _captured(client, url, headers)
    if _guarded_names is not None:
        _guarded_names.append(name)
    if len(before) != len(after):
        more = Counter(map(_sql_shape, after)) - Counter(map(_sql_shape, before))
        fewer = Counter(map(_sql_shape, before)) - Counter(map(_sql_shape, after))
        lines = [f"{name} ({url}) made {len(before)} queries, then {len(after)} after add_rows()."]
        lines += [f"  extra ×{n}: {sql}" for sql, n in more.items()]
        lines += [f"  gone  ×{n}: {sql}" for sql, n in fewer.items()]
        raise AssertionError("\n".join(lines))
    if grows_by is not None:
        shown_before, shown_after = rows(first), rows(second)
        assert shown_after - shown_before == grows_by, (
            f"{name} ({url}) listed {shown_before} rows, then {shown_after} after add_rows(): "
            f"expected {grows_by} more (the added rows must appear)"
        )
    return len(after)


def query_guard(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare that the decorated test guards the query count of these URL names.

    The test must call ``assert_flat_queries`` on each of them; a test parametrized over the
    names (one of its arguments holds a declared name) must do so for the name of each run.
    The coverage test collects the declarations from every test module.
    """

    def decorate(test: Callable[..., Any]) -> Callable[..., Any]:
        declared = frozenset(names)

        @functools.wraps(test)
        def run(*args: Any, **kwargs: Any) -> Any:
            global _guarded_names
            due = {v for v in kwargs.values() if isinstance(v, str) and v in declared} or declared
            _guarded_names = []
            try:
                result = test(*args, **kwargs)
                checked = set(_guarded_names)
            finally:
                _guarded_names = None
            assert checked <= declared, (
                f"guarded but not declared in @query_guard: {sorted(checked - declared)}"
            )
            assert due <= checked, (
                f"declared in @query_guard but not checked: {sorted(due - checked)}"
            )
            return result

        run.query_guards = declared  # type: ignore[attr-defined]
        return run

    return decorate


def bearer(user: Any) -> dict[str, str]:
    """Request headers that call the API as ``user``, with a fresh token."""
    from wulian.accounts.services import create_token

    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user=user, by=None)}"}
