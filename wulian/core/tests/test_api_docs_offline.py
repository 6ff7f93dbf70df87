"""The OpenAPI schema and the Swagger UI docs work with no CDN: every asset is a local file."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_openapi_schema_lists_every_operation(client):
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        path: sorted(ops)
        for path, ops in paths.items()
        if path.startswith(("/api/v1/areas/", "/api/v1/orgs/", "/api/v1/people/"))
    } == {
        "/api/v1/areas/": ["get"],
        "/api/v1/areas/{code}/": ["get"],
        "/api/v1/orgs/": ["get", "post"],
        "/api/v1/orgs/{pk}/": ["get", "patch"],
        "/api/v1/people/": ["get", "post"],
        "/api/v1/people/{pk}/": ["get", "patch"],
        "/api/v1/people/search/": ["post"],
    }


def test_docs_page_loads_only_local_static_files(client):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(urls) == [
        "/static/ninja/favicon.png",
        "/static/ninja/favicon.svg",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
        "/static/ninja/swagger-ui.css",
    ]
    assert "//cdn" not in html
    assert "https://" not in html
    assert "http://" not in html
    for url in urls:
        assert finders.find(url.removeprefix("/static/")) is not None, url
