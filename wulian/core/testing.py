"""The permission matrix's vocabulary, shared by every app's ``tests/permission_cases.py``.

Every named URL (pages and API) must appear in some app's ``CASES``; the matrix test
(``wulian/accounts/tests/test_permission_matrix.py``) requests each case as every role, for each
target, and expects:

- anonymous: a redirect to the login page (pages) or 401 (API);
- a role whose kinds are not allowed the case's action: 403;
- an allowed role, target outside its scope: 404 (exactly as if it did not exist);
- an allowed role, target inside its scope (or no target): a status below 400, or 400/422 for
  a POST the case sends without valid data (the form or API error path).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Target:
    """One object a URL is about: its URL kwargs and where it sits for scoping."""

    kwargs: dict[str, Any]
    area: Any = None  # the Area the object belongs to (territorial scope)
    org: Any = None  # or the Org (a unit contact's scope); either may be given, or both
    person: Any = None  # or a Person (the user's own record)


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
