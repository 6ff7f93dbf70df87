"""One upload policy for every file a user sends (issue 16, defect 4).

A file's type is what its **content** says (magic bytes), never its name or the browser's
``Content-Type``; each kind of field (``IMAGE``, ``DOCUMENT``, ``EVIDENCE``, ``SPREADSHEET``)
accepts some types up to a size; SVG, HTML and executables are refused whatever they are called.
Images are decoded under a pixel limit (``Image.MAX_IMAGE_PIXELS``: a decompression bomb is a
clear refusal, not a 500) and re-encoded, which drops EXIF (GPS position, camera serial) and
anything hidden after the image data. The stored name is the user's base name with the extension
of the detected type.

- Pages: ``UploadField(kind=...)`` / ``UploadsField`` (several files) in forms.
- API (ninja ``UploadedFile``) and services: ``clean_upload(file, kind, field=...)`` /
  ``clean_uploads``; a file already cleaned (by the form) passes through untouched, so a service
  can call it whatever the channel.
- The request as a whole: ``RequestSizeLimitMiddleware`` refuses a body over
  ``WULIAN_MAX_REQUEST_BYTES`` (25 MB) by its Content-Length with a 413, before Django reads it.

Spreadsheets keep their own deeper checks in ``core.spreadsheets`` (dimensions, rows, uncompressed
size, a child process); ``SPREADSHEET`` here only decides type and size at the door.
"""

import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
#: Pixels an uploaded image may have (8000 × 5000): more is refused before it is decoded.
MAX_IMAGE_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # Pillow raises DecompressionBombError at 2× this
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class FileType:
    name: str  # what the user is told
    extension: str  # the stored file's extension
    content_type: str
    image_format: str = ""  # Pillow's format to re-encode to, for images


JPEG = FileType("JPEG", "jpg", "image/jpeg", "JPEG")
PNG = FileType("PNG", "png", "image/png", "PNG")
GIF = FileType("GIF", "png", "image/png", "PNG")  # first frame, re-encoded as PNG
WEBP = FileType("WebP", "webp", "image/webp", "WEBP")
PDF = FileType("PDF", "pdf", "application/pdf")
DOCX = FileType(
    "Word", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = FileType(
    "Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
PPTX = FileType(
    "PowerPoint",
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
ODT = FileType("ODF 文本", "odt", "application/vnd.oasis.opendocument.text")
ODS = FileType("ODF 表格", "ods", "application/vnd.oasis.opendocument.spreadsheet")
OLE = FileType("Office 97-2003", "", "application/octet-stream")  # .doc / .xls: extension kept
TEXT = FileType("文本", "txt", "text/plain")
CSV = FileType("CSV", "csv", "text/csv")
IMAGES = (JPEG, PNG, GIF, WEBP)


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # what the user is told the field takes
    types: tuple[FileType, ...]
    max_bytes: int


IMAGE = Kind("image", gettext_lazy("jpg、png、webp 或 gif 图片"), IMAGES, 10 * MB)
DOCUMENT = Kind(
    "document",
    gettext_lazy("PDF、Word、Excel、PowerPoint、ODF 或文本文件"),
    (PDF, DOCX, XLSX, PPTX, ODT, ODS, OLE, TEXT),
    20 * MB,
)
EVIDENCE = Kind(
    "evidence",
    gettext_lazy("图片、PDF、Word、Excel、PowerPoint、ODF 或文本文件"),
    IMAGES + DOCUMENT.types,
    20 * MB,
)
SPREADSHEET = Kind(
    "spreadsheet",
    gettext_lazy("Excel（xlsx/xls）、ODS 或 CSV 表格"),
    (XLSX, ODS, OLE, CSV, TEXT),
    10 * MB,
)

_EXECUTABLE = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
    b"\x00asm",
    b"dex\n",
)
_MARKUP = re.compile(
    rb"^\s*(?:\xef\xbb\xbf)?\s*<(?:\?xml|svg|!doctype|html|script|head|body|iframe|!--)",
    re.IGNORECASE,
)


class UploadRefused(ValidationError):
    """A file the policy refuses; the message names the file and says why."""


def _refuse(name: str, reason: str) -> UploadRefused:
    return UploadRefused(_("文件“%(n)s”%(r)s") % {"n": name, "r": reason}, code="upload_refused")


def _read(upload: Any) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def _zip_type(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
            if "mimetype" in names:
                mimetype = book.read("mimetype")[:100].decode("ascii", "replace").strip()
                return {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


def _text_type(data: bytes, name: str) -> FileType | None:
    if b"\x00" in data[:SNIFF_BYTES] or _MARKUP.match(data[:SNIFF_BYTES]):
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n\f" for c in text[:SNIFF_BYTES]):
            return None
        return CSV if PurePath(name).suffix.lower() == ".csv" else TEXT
    return None


def detect(data: bytes, name: str = "") -> FileType | None:
    """The file's type from its first bytes (and, for Office files, its zip directory)."""
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head.startswith(_EXECUTABLE):
        return None
    return _text_type(data, name)


def is_executable(data: bytes) -> bool:
    return data[:16].startswith(_EXECUTABLE)


def _base_name(name: str) -> str:
    stem = PurePath(name.replace("\\", "/")).stem if name else ""
    stem = "".join(
        c
        for c in unicodedata.normalize("NFKC", stem)
        if unicodedata.category(c)[0] not in "CZ" or c == " "
    ).strip(" .")
    return stem[:80] or "file"


def _reencode(data: bytes, kind: FileType, name: str) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore", Image.DecompressionBombWarning
            )  # checked below, with the size
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _refuse(
                        name,
                        _("像素过多（%(w)d×%(h)d）：最多%(m)d万像素。")
                        % {"w": width, "h": height, "m": MAX_IMAGE_PIXELS // 10_000},
                    )
                image.load()
                picture: Image.Image = ImageOps.exif_transpose(image)
                if kind.image_format == "JPEG":
                    picture = picture.convert("RGB")
                elif picture.mode not in ("RGB", "RGBA", "L", "LA"):
                    picture = picture.convert("RGBA")
                out = io.BytesIO()
                options: dict[str, Any] = (
                    {"quality": 88} if kind.image_format in ("JPEG", "WEBP") else {}
                )
                picture.save(
                    out, format=kind.image_format, **options
                )  # no exif=, no info: metadata dropped
                return out.getvalue()
    except UploadRefused:
        raise
    except Image.DecompressionBombError:
        raise _refuse(
            name,
            _("像素过多（可能是“解压炸弹”图片）：最多%(m)d万像素。")
            % {"m": MAX_IMAGE_PIXELS // 10_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError):
        raise _refuse(name, _("不是有效的图片，无法读取。")) from None


def clean_upload(
    upload: Any, kind: Kind, *, field: str | None = None, max_bytes: int | None = None
) -> Any:
    """The file as it may be stored, or ``ValidationError`` (``{field: message}`` when ``field``
    is given) naming the file and what is wrong. ``None`` or an empty value passes as ``None``."""
    if not upload:
        return None
    if getattr(upload, "wulian_upload_kind", None) == kind.name:
        return upload
    name = getattr(upload, "name", "") or ""
    try:
        limit = max_bytes or kind.max_bytes
        size = getattr(upload, "size", None)
        if size is not None and size > limit:
            raise _refuse(
                name,
                _("过大（%(s).1f MB）：不能超过%(m)d MB。") % {"s": size / MB, "m": limit // MB},
            )
        data = _read(upload)
        if len(data) > limit:
            raise _refuse(
                name,
                _("过大（%(s).1f MB）：不能超过%(m)d MB。")
                % {"s": len(data) / MB, "m": limit // MB},
            )
        if not data:
            raise _refuse(name, _("是空文件。"))
        if is_executable(data):
            raise _refuse(name, _("是可执行文件，不能上传。"))
        detected = detect(data, name)
        if detected is None or detected not in kind.types:
            what = (
                detected.name
                if detected
                else (
                    _("SVG/HTML 等标记文件") if _MARKUP.match(data[:SNIFF_BYTES]) else _("未知格式")
                )
            )
            raise _refuse(
                name, _("的格式（%(t)s）不支持：请上传%(k)s。") % {"t": what, "k": kind.label}
            )
        if detected.image_format:
            data = _reencode(data, detected, name)
        extension = detected.extension or (
            PurePath(name).suffix.lower().lstrip(".")
            if PurePath(name).suffix.lower() in (".doc", ".xls", ".ppt")
            else "doc"
        )
    except UploadRefused as exc:
        if field:
            raise ValidationError({field: exc.messages}) from None
        raise
    cleaned = SimpleUploadedFile(
        f"{_base_name(name)}.{extension}", data, content_type=detected.content_type
    )
    cleaned.wulian_upload_kind = kind.name  # type: ignore[attr-defined]
    return cleaned


def clean_uploads(
    uploads: Sequence[Any], kind: Kind, *, field: str | None = None, max_bytes: int | None = None
) -> list[Any]:
    return [clean_upload(u, kind, field=field, max_bytes=max_bytes) for u in uploads if u]


# --- forms --------------------------------------------------------------------------------------


class UploadField(forms.FileField):
    """A form's file field under the policy: ``UploadField(kind=uploads.EVIDENCE, ...)``."""

    def __init__(self, *args: Any, kind: Kind, max_bytes: int | None = None, **kwargs: Any) -> None:
        self.kind, self.max_bytes = kind, max_bytes
        if kind is IMAGE:
            kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*"}))
        megabytes = (max_bytes or kind.max_bytes) // MB
        # lazy as a whole: put together in the language of the request that shows the form
        kwargs.setdefault(
            "help_text",
            lazy(lambda: _("%(k)s，不超过 %(m)d MB。") % {"k": kind.label, "m": megabytes}, str)(),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if not value:
            return value
        try:
            return clean_upload(value, self.kind, max_bytes=self.max_bytes)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.messages) from None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadsField(forms.FileField):
    """Several files of one kind (need photos)."""

    def __init__(self, *args: Any, kind: Kind, max_bytes: int | None = None, **kwargs: Any) -> None:
        self.kind, self.max_bytes = kind, max_bytes
        accept = {"accept": "image/*"} if kind is IMAGE else {}
        kwargs.setdefault("widget", MultipleFileInput(attrs={**accept, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        files = (
            [single(d, initial) for d in data if d]
            if isinstance(data, list | tuple)
            else ([single(data, initial)] if data else [])
        )
        try:
            return clean_uploads(files, self.kind, max_bytes=self.max_bytes)
        except UploadRefused as exc:
            raise forms.ValidationError(exc.messages) from None


# --- the request as a whole ---------------------------------------------------------------------


def max_request_bytes() -> int:
    return int(getattr(settings, "WULIAN_MAX_REQUEST_BYTES", 25 * MB))


def too_large_response(request: HttpRequest, size: int | None = None) -> HttpResponse:
    limit = max_request_bytes() // MB
    message = _("请求过大：上传内容合计不能超过%(m)d MB。") % {"m": limit}
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "errors": {"__all__": [message]}}, status=413)
    html = render_to_string("413.html", {"message": message}, request=request)
    return HttpResponse(html, status=413)


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is over ``WULIAN_MAX_REQUEST_BYTES`` (413) before
    anything reads it. Django never reads past Content-Length, so a body without one is empty."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes():
            return too_large_response(request, length)
        return self.get_response(request)
