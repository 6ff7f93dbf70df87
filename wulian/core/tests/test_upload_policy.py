"""The upload policy (core/uploads.py): type by content, size per kind, images decoded under a
pixel limit and re-encoded without EXIF, a request size limit before anything reads the body."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from wulian.core import uploads
from wulian.core.tests.upload_files import bomb_png, exe, jpeg_with_gps, pdf, png, svg


def _refusal(upload, kind=uploads.EVIDENCE, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(upload, kind, **kwargs)
    return exc.value.messages[0]


def test_the_type_is_read_from_the_content_not_the_name():
    assert _refusal(exe(name="minutes.pdf")) == "文件“minutes.pdf”是可执行文件，不能上传。"
    renamed = uploads.clean_upload(pdf(name="scan.jpg"), uploads.EVIDENCE)
    assert (renamed.name, renamed.content_type) == ("scan.pdf", "application/pdf")


def test_svg_and_html_are_refused_whatever_they_are_called():
    message = "文件“%s”的格式（SVG/HTML 等标记文件）不支持：请上传图片、PDF、Word、Excel、PowerPoint、ODF 或文本文件。"
    assert _refusal(svg()) == message % "evidence.svg"
    assert _refusal(svg(name="notes.txt")) == message % "notes.txt"
    html = SimpleUploadedFile("page.txt", b"<!DOCTYPE html><html><script>x()</script></html>")
    assert _refusal(html) == message % "page.txt"


def test_each_kind_has_its_size_and_field_errors_name_the_field():
    big = SimpleUploadedFile("big.txt", b"a" * (uploads.DOCUMENT.max_bytes + 1))
    assert _refusal(big, uploads.DOCUMENT) == "文件“big.txt”过大（20.0 MB）：不能超过20 MB。"
    with pytest.raises(ValidationError) as exc:
        uploads.clean_upload(pdf(), uploads.IMAGE, field="photos")
    assert exc.value.message_dict == {
        "photos": ["文件“report.pdf”的格式（PDF）不支持：请上传jpg、png、webp 或 gif 图片。"]
    }


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    assert (
        _refusal(bomb_png(), uploads.IMAGE)
        == "文件“bomb.png”像素过多（可能是“解压炸弹”图片）：最多4000万像素。"
    )
    assert (
        _refusal(bomb_png(8000, 6000), uploads.IMAGE)
        == "文件“bomb.png”像素过多（8000×6000）：最多4000万像素。"
    )


def test_images_are_re_encoded_without_exif():
    from PIL import Image

    cleaned = uploads.clean_upload(jpeg_with_gps(), uploads.IMAGE)
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (8, 6), {})
    assert uploads.clean_upload(png("a.gif.png"), uploads.IMAGE).name == "a.gif.png"


def test_a_cleaned_file_passes_again_untouched_and_empty_is_none():
    cleaned = uploads.clean_upload(png(), uploads.IMAGE)
    assert uploads.clean_upload(cleaned, uploads.IMAGE) is cleaned
    assert uploads.clean_upload(None, uploads.IMAGE) is None


def test_the_request_size_limit_answers_413_before_the_body_is_read(settings):
    settings.WULIAN_MAX_REQUEST_BYTES = 1000
    middleware = uploads.RequestSizeLimitMiddleware(lambda request: pytest.fail("the view ran"))
    factory = RequestFactory()
    api = middleware(
        factory.post(
            "/api/v1/needs/1/photos", data=b"x" * 1001, content_type="application/octet-stream"
        )
    )
    assert (api.status_code, json.loads(api.content)) == (
        413,
        {
            "message": "请求过大：上传内容合计不能超过0 MB。",
            "errors": {"__all__": ["请求过大：上传内容合计不能超过0 MB。"]},
        },
    )
    page = middleware(
        factory.post("/duties/1/report/", data=b"x" * 1001, content_type="application/octet-stream")
    )
    assert page.status_code == 413
    assert "请求过大" in page.content.decode()
    ok = uploads.RequestSizeLimitMiddleware(lambda request: "passed")
    assert (
        ok(
            factory.post(
                "/duties/1/report/", data=b"x" * 1000, content_type="application/octet-stream"
            )
        )
        == "passed"
    )


def test_the_help_text_of_an_upload_field_follows_the_language_of_the_page():
    from django.utils import translation

    from wulian.core.uploads import DOCUMENT, UploadField

    field = UploadField(kind=DOCUMENT)  # made once, as a form class's fields are, and shown later
    with translation.override("en"):
        assert (
            str(field.help_text) == "PDF, Word, Excel, PowerPoint, ODF or text files, up to 20 MB."
        )
    with translation.override("zh-hans"):
        assert (
            str(field.help_text) == "PDF、Word、Excel、PowerPoint、ODF 或文本文件，不超过 20 MB。"
        )
