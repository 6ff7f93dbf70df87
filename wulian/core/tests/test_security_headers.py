"""Headers on every answer: a Content-Security-Policy without inline script, no framing,
``Cache-Control: no-store`` on whatever a signed-in user or an API caller gets (pages, exports,
API), static assets cacheable, and templates that need no inline script to work."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from wulian.web.testing import bearer

pytestmark = pytest.mark.django_db

NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def _csp(response) -> dict[str, str]:
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


def test_signed_in_page_has_csp_without_inline_script_and_is_not_stored(client, world):
    client.force_login(world.users["xihuamen_admin"])
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    csp = _csp(response)
    assert csp["script-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert response["Cache-Control"] == NO_STORE
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_export_and_api_answers_are_not_stored(client, world):
    admin = world.users["xihuamen_admin"]
    client.force_login(admin)
    export = client.get(reverse("people:export"))
    assert export.status_code == 200
    assert export["Cache-Control"] == NO_STORE
    client.logout()
    api = client.get(reverse("api:person_list"), **bearer(admin))
    assert api.status_code == 200
    assert api["Cache-Control"] == NO_STORE


def test_anonymous_login_page_is_not_stored_either(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    assert "Content-Security-Policy" in response


def test_static_assets_stay_cacheable(client):
    response = client.get(static("wulian/wulian.js"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


TEMPLATES = Path(settings.BASE_DIR) / "wulian" / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"javascript:", re.I)


def test_no_template_has_inline_script_handler_or_javascript_url():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, HANDLER, JS_URL):
            found += [
                f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in pattern.finditer(text)
            ]
    assert found == []
