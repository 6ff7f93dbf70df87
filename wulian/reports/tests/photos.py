"""Photo files made in the tests (nothing is shipped): a JPEG carrying EXIF, a file that only
calls itself .jpg, one over 10 MB, and a decompression bomb (a tiny PNG declaring 20000 × 20000)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile


def jpeg_with_exif(name: str = "photo.jpg") -> SimpleUploadedFile:
    from PIL import Image

    image = Image.new("RGB", (80, 60), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010E] = "13880001002 李秀英"  # ImageDescription
    exif[0x0131] = "PhoneCamera 1.0"  # Software
    exif[0x0112] = 1  # Orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def not_an_image(name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4 this is not a picture\n" * 10, content_type="image/jpeg"
    )


def over_10_mb(name: str = "big.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), content_type="image/jpeg"
    )


def png_bomb(name: str = "bomb.png", side: int = 20000) -> SimpleUploadedFile:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    rows = zlib.compress(
        b"\0" * ((side // 8 + 1) * 64)
    )  # a few rows: the size is what the header claims
    data = (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, data, content_type="image/png")
