"""Files a merchant might upload, good and bad, built in memory.

upload = pdf_upload("营业执照.pdf")
client.post(url, {..., "file": upload})
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.licensing.factories import PDF_BYTES

SVG_BYTES = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>\n'
)
HTML_BYTES = b"<!DOCTYPE html>\n<html><body><script>fetch('/steal')</script></body></html>\n"
# A Windows program: "MZ", then the DOS stub's usual bytes.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
# Cut off before its end-of-file marker, as a broken download leaves it.
TRUNCATED_PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]"


def image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), (40, 120, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf_upload(name: str = "scan.pdf") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES)


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return upload(name, image_bytes("PNG"), "image/png")


def jpeg_upload(name: str = "photo.jpg") -> SimpleUploadedFile:
    return upload(name, image_bytes("JPEG"), "image/jpeg")
