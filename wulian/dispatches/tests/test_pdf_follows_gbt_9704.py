"""The red-header PDF follows GB/T 9704-2012: a red ★ in the separator of a party body's document,
the issuing body's mark larger than the title, the title broken between words, the signature
naming the body of the mark; the criticism's web view shows the whole text the PDF prints."""

import pytest
from django.urls import reverse

from wulian.core.pdf import issuer_mark, render_document, title_breaks, title_lines
from wulian.dispatches.models import Criticism, Dispatch
from wulian.dispatches.services import dispatch_pdf_context

pytestmark = pytest.mark.django_db


def _boxes(document):
    from weasyprint.formatting_structure import boxes

    for page in document.pages:
        for box in page._page_box.descendants():
            yield box, boxes


def _block(document, tag: str, cls: str | None = None):
    for box, _b in _boxes(document):
        if getattr(box, "element_tag", None) == tag and (
            cls is None or cls in (box.element.get("class") or "").split()
        ):
            return box
    raise AssertionError(f"no <{tag}> in the PDF")


def _descendants(box):
    """Every box below ``box``, through the placeholders of absolutely positioned ones."""
    for b in box.descendants():
        inner = getattr(b, "_box", None)  # AbsolutePlaceholder
        if inner is not None and inner is not b:
            yield from _descendants(inner)
        else:
            yield b


def _text(box) -> str:
    return "".join(
        b.text for b in _descendants(box) if hasattr(b, "text") and isinstance(b.text, str)
    )


def _lines(box) -> list[str]:
    from weasyprint.formatting_structure.boxes import LineBox

    return [
        _text(line) for line in box.children if isinstance(line, LineBox)
    ]  # the block's own lines


@pytest.fixture
def dispatch(world):
    return (
        Dispatch.objects.select_related("issuer__area", "scope_area")
        .filter(criticisms__isnull=False)
        .first()
        or Dispatch.objects.select_related("issuer__area", "scope_area").first()
    )


def test_party_document_has_a_star_in_the_red_line(dispatch):
    context = dispatch_pdf_context(dispatch)
    assert context["party"] is True
    document = render_document("dispatches/pdf.html", context)
    assert _text(_block(document, "div", "redline")) == "★"


def test_issuers_mark_is_larger_than_the_title_and_on_one_line(dispatch):
    context = dispatch_pdf_context(dispatch)
    document = render_document("dispatches/pdf.html", context)
    issuer = _block(document, "div", "issuer")
    title = _block(document, "h1")
    assert title.style["font_size"] == pytest.approx(22 * 4 / 3)  # 22 pt, in CSS px
    assert issuer.style["font_size"] == pytest.approx(context["header_size"] * 4 / 3)
    assert context["header_size"] >= 28
    assert _lines(issuer) == [context["header"]]


@pytest.mark.parametrize(
    "header",
    [
        "中共成都市委城乡社区发展治理委员会文件",
        "中共成都市青羊区委城乡社区发展治理委员会文件",
        "中共成都市青羊区西御河街道工作委员会文件",
    ],
)
def test_long_marks_are_condensed_not_shrunk(header):
    size, scale = issuer_mark(header)
    assert size >= 28
    assert size * len(header) * scale <= 440


def test_title_lines_break_between_words(dispatch):
    dispatch.title = "关于2026年11月成都市青羊区西华门街道城市基层党建互联互动工作调度情况的通报"
    context = dispatch_pdf_context(dispatch)
    document = render_document("dispatches/pdf.html", context)
    assert context["title_lines"] == [
        "关于2026年11月成都市青羊区西华门街道",
        "城市基层党建互联互动工作调度情况的通报",
    ]
    assert _lines(_block(document, "h1")) == context["title_lines"]


def test_no_break_inside_a_word_or_a_number():
    title = "关于2026年11月成都市城市基层党建互联互动工作调度情况的通报"
    breaks = title_breaks(title)
    for word in (
        "2026",
        "11",
        "城市",
        "基层",
        "党建",
        "互联互动",
        "工作",
        "调度",
        "情况",
        "通报",
        "成都市",
    ):
        start = title.index(word)
        assert not breaks & set(range(start + 1, start + len(word))), word
    assert title_lines(title) == ["关于2026年11月成都市城市基层党建", "互联互动工作调度情况的通报"]


def test_signature_and_printing_office_name_the_body_of_the_mark(dispatch):
    context = dispatch_pdf_context(dispatch)
    document = render_document("dispatches/pdf.html", context)
    body = context["header"].removesuffix("文件")
    assert _text(_block(document, "div", "signature")) == body
    assert body + "办公室" in _text(_block(document, "div", "colophon"))


def test_pdf_text_carries_star_mark_and_signature(dispatch):
    pypdf = pytest.importorskip("pypdf")
    from io import BytesIO

    context = dispatch_pdf_context(dispatch)
    data = render_document("dispatches/pdf.html", context).write_pdf()
    text = "".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages)
    assert "★" in text
    assert context["header"].removesuffix("文件") in text


def test_criticism_web_view_shows_the_whole_text(client, login, world):
    criticism = (
        Criticism.objects.select_related("org", "rectification")
        .filter(rectification__isnull=False)
        .first()
    )
    criticism.failure = "第一行问题说明，" + "反复出现的问题" * 40 + "\n第二行补充说明。"
    criticism.save(update_fields=["failure"])
    login("city_admin")
    html = client.get(
        reverse("dispatches:rectification_detail", args=[criticism.rectification.pk])
    ).content.decode()
    assert "反复出现的问题" * 40 in html
    assert "第二行补充说明。" in html
    assert f"{criticism.org.name}：第一行问题说明，" in html
    assert "予以通报批评，限于" in html
