"""PDFs from HTML templates with WeasyPrint and the Noto CJK fonts.

WeasyPrint fetches only local static and media files: no network, no JavaScript.
Charts in PDFs are server-made SVG.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _local_path(url: str) -> Path | None:
    """The file on disk a static/ or media/ URL names, or None."""
    parsed = urlparse(url)
    path = unquote(parsed.path)
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    media_prefix = "/" + settings.MEDIA_URL.lstrip("/")
    if parsed.scheme not in ("", "file", "http", "https"):
        return None
    if path.startswith(static_prefix):
        found = finders.find(path[len(static_prefix):])
        return Path(found) if found else None
    if path.startswith(media_prefix):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(media_prefix):]).resolve()
        if candidate.is_relative_to(root):
            return candidate
    return None


def local_url_fetcher():
    """A WeasyPrint URL fetcher serving static/ and media/ from disk and refusing all else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            target = _local_path(url)
            if target is None or not target.is_file():
                raise ValueError(f"PDF may only load local static or media files, not {url!r}")
            return URLFetcherResponse(url, body=target.read_bytes())

    return LocalOnlyFetcher()


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url="/", url_fetcher=local_url_fetcher()).write_pdf()


def pdf_response(template: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(render_pdf(template, context, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response
