"""The role × action × in-scope/out-of-scope matrix over every named URL (pages and API).

The contract is written in ``wulian/web/testing.py``; every app contributes its rows in
``wulian/<app>/tests/permission_cases.py``. A named URL without a row fails the suite. Each test
is one case × one role; the case's targets are requested inside it.
"""

import json
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wulian.accounts.models import RoleKind
from wulian.accounts.rules import has_action
from wulian.accounts.selectors import Scope, scope_for
from wulian.accounts.services import create_token
from wulian.apps_registry import TOOLS_APPS, all_apps
from wulian.audit.models import AuditEntry
from wulian.web.testing import Target, UrlCase

# One representative login per role kind and level (web/demo/; the city, district and street
# staff are made by the ``role_user`` fixture), and the anonymous visitor.
ROLES = [
    "anonymous",
    "city_admin",
    "city_staff",
    "qingyang_admin",
    "qingyang_staff",
    "xiyuhe_admin",
    "xiyuhe_staff",
    "xihuamen_admin",
    "xihuamen_staff",
    "huaxi_contact",
    "minzheng_admin",  # 条线: the city 民政局 (its line across the city)
    "qingyang_fangguan_staff",  # 条线: the 青羊区 房管局 (its line in 青羊区)
    "member_demo",
    "resident_demo",
    "system_admin",
    "security_admin",
    "audit_admin",
]


def collect_cases() -> list[UrlCase]:
    cases: list[UrlCase] = []
    packages = [f"wulian.{app}" for app in all_apps()] + [
        name for name in TOOLS_APPS if apps.is_installed(name)
    ]
    for package in packages:
        module = f"{package}.tests.permission_cases"
        if find_spec(f"{package}.tests") is not None and find_spec(module) is not None:
            cases.extend(import_module(module).CASES)
    return cases


def named_urls(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    """Every named URL of the root resolver, with its namespaces ("orgs:detail", "api:org_list")."""
    names: set[str] = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(namespace + entry.name)
    return names


CASES = collect_cases()


def _last_audit_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _case_id(case: UrlCase) -> str:
    return f"{case.name}[{case.method}]"


def test_every_named_url_has_a_permission_case():
    covered = {case.name for case in CASES}
    missing = sorted(named_urls() - covered)
    assert missing == [], (
        "named URLs without a row in the permission matrix: "
        f"{missing}; add a UrlCase for each to the app's tests/permission_cases.py"
    )


def test_every_permission_case_names_an_existing_url():
    stale = sorted({case.name for case in CASES} - named_urls())
    assert stale == [], f"permission cases for URLs that do not exist: {stale}"


def test_the_matrix_logs_in_as_every_role_kind(role_user):
    kinds = {
        role.kind for name in ROLES if name != "anonymous" for role in role_user(name).roles.all()
    }
    assert sorted(kinds) == sorted(RoleKind.values)


def test_cases_are_unique():
    ids = [_case_id(case) for case in CASES]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def in_scope(scope: Scope, target: Target) -> bool:
    """Whether the target lies in the scope: its area in a subtree, its org one of the user's
    units or of the user's lines (department roles), it is the user's own person, or an org
    taking part in it is one the user answers for (one of the user's own orgs, located in the
    user's subtrees, or of the user's lines). A target tied to none of these is not scoped."""
    if target.area is None and target.org is None and target.person is None and not target.orgs:
        return True
    if any(scope.answers_for(org) for org in target.orgs):
        return True
    if scope.person_id and any(p.pk == scope.person_id for p in target.offered_people):
        return True
    if any(org.pk in scope.unit_org_ids for org in target.offered_units):
        return True
    if target.area is not None and scope.covers_path(target.area.path):
        return True
    if target.org is not None and (
        target.org.pk in scope.unit_org_ids or scope.in_line(target.org)
    ):
        return True
    return target.person is not None and target.person.pk == scope.person_id


def _expectation(case: UrlCase, user: Any, target: Target) -> str:
    """The expected outcome as a short word, for readable failures."""
    if case.action is None:
        return "allowed"
    if user is None:
        return "login"
    if not has_action(user, case.action):
        return "forbidden"
    if not in_scope(scope_for(user), target):
        return "not_found"
    if case.refused is not None and case.refused(user, target):
        return "forbidden"
    return "allowed"


def _check(case: UrlCase, expectation: str, response: Any) -> str | None:
    """None when the response is what the expectation demands, else what was wrong."""
    status = response.status_code
    if expectation == "login":
        if case.api:
            return None if status == 401 else f"expected 401, got {status}"
        login_url = reverse(settings.LOGIN_URL)
        if status == 302 and response["Location"].startswith(login_url):
            return None
        return f"expected a redirect to {login_url}, got {status} {response.get('Location', '')}"
    if expectation == "forbidden":
        return None if status == 403 else f"expected 403, got {status}"
    if expectation == "not_found":
        return None if status == 404 else f"expected 404, got {status}"
    if case.expect is not None:
        return None if status == case.expect else f"expected {case.expect}, got {status}"
    if status < 400 or (case.method != "get" and status in (400, 422)):
        return None
    return f"expected a status below 400, got {status}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_permission_matrix(case: UrlCase, role: str, world, role_user, client: Client):
    user = None if role == "anonymous" else role_user(role)
    headers: dict[str, str] = {}
    if user is not None:
        if case.api:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {create_token(user=user, by=None)}"
        else:
            client.force_login(user)
    body = case.data(world) if case.data is not None else {}
    failures = []
    for target in case.targets(world):
        url = reverse(case.name, kwargs=target.kwargs)
        send = getattr(client, case.method)
        expectation = _expectation(case, user, target)
        refused = expectation != "allowed" and case.method != "get"
        last_audit = _last_audit_id() if refused else 0
        if case.method == "get":
            response = send(url, **headers)
        elif case.api:
            response = send(url, data=json.dumps(body), content_type="application/json", **headers)
        else:
            response = send(url, data=body, **headers)
        problem = _check(case, expectation, response)
        if problem is None and refused and _last_audit_id() != last_audit:
            # Every change writes an audit entry: a refused write must have written none.
            problem = "refused, yet something was changed (a new audit entry)"
        if problem is not None:
            failures.append(f"{case.method.upper()} {url} as {role} ({expectation}): {problem}")
    assert failures == []
