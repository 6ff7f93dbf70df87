"""The permission matrix's rows for the core pages, the language switch and the API's own URLs."""

from wulian.web.testing import UrlCase

CASES = [
    UrlCase("web:home", action="home.view"),
    UrlCase("web:healthz", action=None, expect=200),
    UrlCase("web:retention", action="retention.view", expect=200),
    # The pickers answer every signed-in user, with what that user's scope holds.
    UrlCase("web:pick_orgs", action="home.view", expect=200),
    UrlCase("web:pick_people", action="home.view", expect=200),
    UrlCase("web:pick_areas", action="home.view", expect=200),
    UrlCase(
        "set_language",
        action=None,
        method="post",
        data=lambda w: {"language": "zh-hans", "next": "/"},
        expect=302,
    ),
    # The API's schema and docs are public (they describe, they hold no data).
    UrlCase("api:openapi-json", action=None, api=True, expect=200),
    UrlCase("api:openapi-view", action=None, api=True, expect=200),
    # ninja's root only names the mount point; it answers 404 to everyone.
    UrlCase("api:api-root", action=None, api=True, expect=404),
]
