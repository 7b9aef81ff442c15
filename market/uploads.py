"""What people may upload: scanned licences and eligibility proof (PDF, JPEG, PNG) and outlet photos (JPEG, PNG).

A file is judged by its content, never by its name or the content type the browser declared: the first bytes
say what it claims to be and a structural check says it is whole. The stored name is generated from what the
content is, so an uploaded name never reaches the disk.
"""

import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

MEGABYTE = 1024 * 1024
# How far from the end a PDF's end-of-file marker may sit (writers add a newline or a little padding).
PDF_TAIL_BYTES = 1024
HEAD_BYTES = 1024

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END_CHUNK = b"IEND\xaeB`\x82"
JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"
EXECUTABLE_HEADERS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
MARKUP_SIGNS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe")


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    is_image: bool


PDF = Kind(".pdf", "application/pdf", is_image=False)
JPEG = Kind(".jpg", "image/jpeg", is_image=True)
PNG = Kind(".png", "image/png", is_image=True)
KINDS_BY_EXTENSION = {kind.extension: kind for kind in (PDF, JPEG, PNG)}


def max_upload_bytes() -> int:
    return settings.LICENSING_UPLOAD_MAX_BYTES


def max_upload_pixels() -> int:
    return settings.UPLOAD_MAX_PIXELS


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "This image has more than %(limit)s megapixels. Scan it again at a lower resolution "
            "(300 dpi is plenty for an A4 page) or reduce its size, then upload it."
        )
        % {"limit": f"{max_upload_pixels() / 1_000_000:g}"},
        code="too_many_pixels",
    )


def kind_of_stored(name: str) -> Kind:
    """The kind of a stored file, from the extension its generated name was given by content."""
    for extension, kind in KINDS_BY_EXTENSION.items():
        if name.lower().endswith(extension):
            return kind
    return Kind("", "application/octet-stream", is_image=False)


def _read_ends(upload) -> tuple[bytes, bytes]:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(max(upload.size - PDF_TAIL_BYTES, 0))
    tail = upload.read()
    upload.seek(0)
    return head, tail


def _refuse_dangerous(head: bytes):
    if head.startswith(EXECUTABLE_HEADERS):
        raise ValidationError(
            _("This file is a program, not a scanned document. Upload the scan as PDF, JPEG or PNG."),
            code="executable",
        )
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in start or (start.startswith(b"<?xml") and b"svg" in start):
        raise ValidationError(
            _("SVG images are not accepted: they can carry scripts. Upload a PDF, JPEG or PNG."), code="svg"
        )
    if start.startswith(b"<") and any(sign in start for sign in MARKUP_SIGNS):
        raise ValidationError(
            _("This file is a web page (HTML), not a scanned document. Upload a PDF, JPEG or PNG."), code="html"
        )


def _verify_image(upload, kind: Kind):
    """A whole image of the kind it claims, within the pixel limit (read from its header, never decoded)."""
    upload.seek(0)
    try:
        # Pillow's own bomb check would only warn, or fail as "damaged", far above our limit: ours comes first.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.width * image.height > max_upload_pixels():
                    raise _too_many_pixels()
                format_matches = image.format == ("JPEG" if kind is JPEG else "PNG")
                image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise _too_many_pixels() from error
    except Exception as error:  # Pillow raises many kinds for a damaged file; each means the same to the user.
        raise ValidationError(
            _("This image is damaged or incomplete. Scan it again and upload the new file."), code="damaged_image"
        ) from error
    finally:
        upload.seek(0)
    if not format_matches:
        raise ValidationError(_("Upload a PDF, JPEG or PNG file."), code="unsupported")


def _identify(head: bytes, tail: bytes) -> Kind:
    if head.startswith(b"%PDF-"):
        if b"%%EOF" not in tail:
            raise ValidationError(
                _("This PDF is incomplete (it was cut off during copying or upload). Save it again and retry."),
                code="truncated_pdf",
            )
        return PDF
    if head.startswith(JPEG_START):
        if not tail.rstrip(b"\x00\r\n ").endswith(JPEG_END):
            raise ValidationError(
                _("This image is damaged or incomplete. Scan it again and upload the new file."),
                code="damaged_image",
            )
        return JPEG
    if head.startswith(PNG_SIGNATURE):
        if PNG_END_CHUNK not in tail:
            raise ValidationError(
                _("This image is damaged or incomplete. Scan it again and upload the new file."),
                code="damaged_image",
            )
        return PNG
    raise ValidationError(_("Upload a PDF, JPEG or PNG file."), code="unsupported")


def check_upload(upload, *, images_only: bool = False) -> Kind:
    """The kind of an uploaded file, or a ValidationError whose message says what is wrong with it.

    On success the upload is renamed after its content (e.g. `scan.pdf`), so that the storage's generated
    name takes its extension from what the file is.
    """
    limit = max_upload_bytes()
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than the limit of %(limit)s MB. Scan at a lower resolution or compress the PDF.")
            % {"limit": f"{limit / MEGABYTE:g}"},
            code="too_large",
        )
    head, tail = _read_ends(upload)
    _refuse_dangerous(head)
    kind = _identify(head, tail)
    if images_only and not kind.is_image:
        raise ValidationError(_("Upload a photo as JPEG or PNG."), code="not_an_image")
    if kind.is_image:
        _verify_image(upload, kind)
    upload.name = f"scan{kind.extension}"
    upload.content_type = kind.content_type
    return kind
