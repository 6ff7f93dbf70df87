import datetime as dt
import re
import zlib

import pytest

from wulian.core.ics import make_ics
from wulian.core.pdf import local_url_fetcher, render_pdf


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error:
        return b""


def test_pdf_renders_chinese_with_an_embedded_cjk_font():
    pdf = render_pdf("core/pdf_base.html", {"title": "成都市城乡社区发展治理委员会"})
    assert pdf.startswith(b"%PDF")
    # The Noto CJK font is embedded (so the characters are not empty boxes).
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    text = b"".join(_inflate(s) for s in streams) + pdf
    assert b"NotoS" in text


def test_pdf_fetcher_refuses_remote_urls():
    with pytest.raises(ValueError, match="PDF may only load local static or media files"):
        local_url_fetcher().fetch("https://example.com/x.png")


def test_ics_event_is_utc_escaped_and_folded():
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    text = make_ics(
        uid="b1@wulian",
        start=start,
        end=start + dt.timedelta(hours=1),
        summary="华西医院共享停车位预约, 1个",
        location="武侯区国学巷37号" * 5,
    )
    assert "DTSTART:20261201T010000Z" in text
    assert "SUMMARY:华西医院共享停车位预约\\, 1个" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
