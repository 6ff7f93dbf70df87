"""Hostile files for the upload policy's tests, made on the fly (nothing binary in the repo)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def svg(name: str = "evidence.svg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SVG, content_type="image/svg+xml")


def exe(size: int = 1024, name: str = "setup.exe") -> SimpleUploadedFile:
    """A Windows executable (MZ header) of ``size`` bytes."""
    return SimpleUploadedFile(
        name, b"MZ\x90\x00" + b"\x00" * (size - 4), content_type="application/x-msdownload"
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bomb_png(
    width: int = 100_000, height: int = 100_000, name: str = "bomb.png"
) -> SimpleUploadedFile:
    """A valid PNG header declaring ``width × height`` pixels (10 gigapixels by default) with a few
    hundred bytes of data: decoding it would need tens of gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * 1024, 9)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, data, content_type="image/png")


def jpeg_with_gps(name: str = "photo.jpg") -> SimpleUploadedFile:
    from PIL import Image

    image = Image.new("RGB", (8, 6), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "WulianCam"  # Make
    exif[0x8825] = {2: (30.0, 39.0, 36.0), 4: (104.0, 3.0, 58.0)}  # GPS latitude / longitude
    buf = io.BytesIO()
    image.save(buf, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def png(name: str = "ok.png") -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 200, 30)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
