"""Uploaded photos made safe to keep: checked, re-encoded with Pillow and stripped of metadata.

``reencode_photo`` refuses what is not an image, what is over the byte limit and what decodes to
more than ``max_pixels`` (a decompression bomb: the header is read before any pixel is), then
draws the pixels into a fresh image (turned upright by its EXIF orientation) and saves that as
JPEG: EXIF, GPS, XMP and any trailing bytes are left behind.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _


def reencode_photo(upload: Any, *, field: str, max_bytes: int, max_pixels: int) -> ContentFile:
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = getattr(upload, "name", "") or _("照片")
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            {
                field: _("照片“%(n)s”过大：每张不能超过%(mb)d MB。")
                % {"n": name, "mb": max_bytes // (1024 * 1024)}
            }
        )
    try:
        upload.seek(0)
        data = upload.read(max_bytes + 1)
    finally:
        upload.seek(0)
    if len(data) > max_bytes:
        raise ValidationError(
            {
                field: _("照片“%(n)s”过大：每张不能超过%(mb)d MB。")
                % {"n": name, "mb": max_bytes // (1024 * 1024)}
            }
        )
    not_image = ValidationError(
        {field: _("“%(n)s”不是图片：请上传 jpg、png、webp 或 gif 照片。") % {"n": name}}
    )
    too_large = ValidationError(
        {
            field: _("照片“%(n)s”像素过多（超过%(mp)d百万像素），无法处理。")
            % {"n": name, "mp": max_pixels // 1_000_000}
        }
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in {"JPEG", "PNG", "WEBP", "GIF", "MPO"}:
                    raise not_image
                width, height = image.size
                if width * height > max_pixels:
                    raise too_large
                image.load()
                upright = ImageOps.exif_transpose(image)
                if upright.mode not in ("RGB", "L"):
                    background = Image.new("RGB", upright.size, "white")
                    rgba = upright.convert("RGBA")
                    background.paste(rgba, mask=rgba.split()[-1])
                    upright = background
                clean = Image.new(upright.mode, upright.size)
                clean.paste(upright)
                out = io.BytesIO()
                clean.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_image from None
    return ContentFile(out.getvalue(), name="photo.jpg")
