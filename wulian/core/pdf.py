"""PDFs from HTML templates with WeasyPrint and the Noto CJK fonts.

WeasyPrint fetches only local static and media files: no network, no JavaScript.
Charts in PDFs are server-made SVG.
"""

import math
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
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
        found = finders.find(path[len(static_prefix) :])
        return Path(found) if found else None
    if path.startswith(media_prefix):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / path[len(media_prefix) :]).resolve()
        if candidate.is_relative_to(root):
            return candidate
    return None


def local_url_fetcher() -> Any:
    """A WeasyPrint URL fetcher serving static/ and media/ from disk and refusing all else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            target = _local_path(url)
            if target is None or not target.is_file():
                raise ValueError(f"PDF may only load local static or media files, not {url!r}")
            return URLFetcherResponse(url, body=target.read_bytes())

    return LocalOnlyFetcher()


def render_document(
    template: str, context: dict[str, Any], *, request: HttpRequest | None = None
) -> Any:
    """The laid-out WeasyPrint document (pages and boxes), for writing or for inspecting."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url="/", url_fetcher=local_url_fetcher()).render()


def render_pdf(
    template: str, context: dict[str, Any], *, request: HttpRequest | None = None
) -> bytes:
    return render_document(template, context, request=request).write_pdf()


def pdf_response(
    template: str, context: dict[str, Any], *, filename: str, request: HttpRequest | None = None
) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(
        render_pdf(template, context, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response


# --- GB/T 9704-2012 titles: lines broken between words, never inside one ------------------------
#
# "标题回行时，要做到词意完整，排列对称，长短适宜，间距恰当". Without a dictionary of every word,
# a line may end only where a word surely ends: after a number with its unit (2026年, 11月), around
# the function words of titles (关于 … 的 … 和 …), before the usual nouns that close a title
# (情况, 通报, 通知…), after a place name's suffix, and at punctuation or brackets. Any other pair
# of characters stays together, so an unknown word is never split.

TITLE_LINE_CHARS = 20  # 156 mm of 2号 (22 pt) characters
_BREAK_AFTER = (
    "关于",
    "的",
    "和",
    "与",
    "及",
    "暨",
    "、",
    "，",
    "》",
    "）",
    "〕",
    "”",
    "年",
    "月",
    "日",
    "省",
    "市",
    "县",
    "街道",
    "社区",
    "乡",
    "镇",
    "城市",
    "基层",
    "党建",
    "互联互动",
    "工作",
    "调度",
    "落实",
    "情况",
    "责任",
    "清单",
    "更正",
    "整改",
)
_BREAK_BEFORE = (
    "关于",
    "的",
    "和",
    "与",
    "及",
    "暨",
    "《",
    "（",
    "〔",
    "“",
    "情况",
    "通报",
    "通知",
    "意见",
    "决定",
    "报告",
    "方案",
    "工作",
    "城市",
    "基层",
    "党建",
    "互联互动",
    "调度",
    "责任",
    "清单",
    "落实",
    "整改",
    "批评",
    "更正",
)
_NO_BREAK_INSIDE = (
    "城市基层党建",
    "街道",
    "社区",
    "互联互动",
    "城市",
    "基层",
    "党建",
    "工作",
    "情况",
    "通报",
    "通知",
    "责任",
    "清单",
    "落实",
    "整改",
    "批评",
    "更正",
    "调度",
    "关于",
    "区域",
)


def title_breaks(title: str) -> set[int]:
    """Positions (1..len-1) where a line of ``title`` may end."""
    allowed: set[int] = set()
    n = len(title)
    for i in range(1, n):
        before, after = title[:i], title[i:]
        if (
            any(before.endswith(w) for w in _BREAK_AFTER)
            or any(after.startswith(w) for w in _BREAK_BEFORE)
            or (title[i - 1] == "区" and title[i] != "域")
            or (title[i].isdigit() and not title[i - 1].isdigit())
        ):
            allowed.add(i)
    for word in _NO_BREAK_INSIDE:  # never inside a known word, whatever the rules above say
        start = title.find(word)
        while start >= 0:
            allowed -= set(range(start + 1, start + len(word)))
            start = title.find(word, start + 1)
    for i in range(1, n):  # nor inside a number or a Latin word
        if (
            title[i - 1].isascii()
            and title[i].isascii()
            and title[i - 1].isalnum()
            and title[i].isalnum()
        ):
            allowed.discard(i)
    return allowed


def title_lines(title: str, width: int = TITLE_LINE_CHARS) -> list[str]:
    """The title's lines: as few as fit ``width`` characters, broken only at ``title_breaks``, as
    even as possible (梯形/菱形 rather than one long line and a stub). A run longer than a line with
    no break inside is kept whole (the page shrinks that line rather than split a word)."""
    title = title.strip()

    def em(text: str) -> float:  # width in characters: digits and Latin letters are half as wide
        return sum(0.5 if ch.isascii() else 1.0 for ch in text)

    if em(title) <= width:
        return [title]
    cuts = sorted(title_breaks(title) | {len(title)})
    # best[i] = (lines, cost, previous cut) for the prefix title[:i]
    best: dict[int, tuple[float, float, int]] = {0: (0, 0, -1)}
    for end in cuts:
        options = []
        for start, (lines, cost, _prev) in best.items():
            if start >= end:
                continue
            length = em(title[start:end])
            over = max(0.0, length - width)
            options.append(
                (lines + 1 + over * 100, cost + (width - length) ** 2 + over * 10_000, start)
            )
        if options:
            lines, cost, start = min(options)
            best[end] = (lines, cost, start)
    out: list[str] = []
    end = len(title)
    while end > 0:
        start = best[end][2]
        out.append(title[start:end])
        end = start
    return list(reversed(out))


# --- GB/T 9704-2012 版头: the issuing body's mark, larger than the title, on one line ----------

TITLE_PT = 22  # 2号
TEXT_WIDTH_PT = 440  # 版心 156 mm


def issuer_mark(text: str, *, title_pt: int = TITLE_PT) -> tuple[int, float]:
    """(font size in pt, horizontal scale) of the issuing body's mark: always larger than the title
    (at least ``title_pt`` + 6), and on one line within the text width: a long name keeps its size
    and is condensed horizontally (长宋, as printed letterheads do), never shrunk below the title."""
    size = max(title_pt + 6, min(42, TEXT_WIDTH_PT // max(len(text), 1)))
    natural = size * len(text)
    scale = min(1.0, TEXT_WIDTH_PT / natural) if natural else 1.0
    return size, math.floor(scale * 1000) / 1000  # rounded down: never wider than the text
