"""Uploads are judged by their content: PDF, JPEG and PNG that are whole pass, everything else is refused with a
message that says why, and the rest of the form is kept.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from market import uploads
from market.licensing.models import Licence
from tests.licensing.factories import PDF_BYTES, ApplicationFactory
from tests.licensing.sample_files import (
    EXE_BYTES,
    HTML_BYTES,
    SVG_BYTES,
    TRUNCATED_PDF_BYTES,
    image_bytes,
    jpeg_upload,
    pdf_upload,
    png_upload,
    upload,
)


@pytest.mark.parametrize(
    ("make", "extension", "content_type"),
    [(pdf_upload, ".pdf", "application/pdf"), (jpeg_upload, ".jpg", "image/jpeg"), (png_upload, ".png", "image/png")],
)
def test_whole_pdf_jpeg_and_png_pass_and_are_renamed_after_their_content(make, extension, content_type):
    file = make("../../etc/我的 扫描件.PDF.exe")

    kind = uploads.check_upload(file)

    assert (kind.extension, kind.content_type) == (extension, content_type)
    assert file.name == f"scan{extension}"


def test_a_png_named_pdf_is_stored_as_what_it_is():
    file = upload("licence.pdf", image_bytes("PNG"), "application/pdf")

    assert uploads.check_upload(file).extension == ".png"
    assert file.name == "scan.png"


REFUSED = [
    ("program renamed .pdf", "licence.pdf", EXE_BYTES, "application/pdf", "program"),
    ("Linux program renamed .png", "licence.png", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "image/png", "program"),
    ("SVG", "licence.svg", SVG_BYTES, "image/svg+xml", "SVG images are not accepted"),
    ("SVG renamed .png", "licence.png", SVG_BYTES, "image/png", "SVG images are not accepted"),
    ("truncated PDF", "licence.pdf", TRUNCATED_PDF_BYTES, "application/pdf", "This PDF is incomplete"),
    ("HTML renamed .png", "licence.png", HTML_BYTES, "image/png", "web page (HTML)"),
    ("PNG cut short", "licence.png", image_bytes("PNG")[:-20], "image/png", "damaged or incomplete"),
    ("JPEG cut short", "licence.jpg", image_bytes("JPEG")[:-30], "image/jpeg", "damaged or incomplete"),
    ("a Word file", "licence.docx", b"PK\x03\x04" + b"\x00" * 100, "application/pdf", "Upload a PDF, JPEG or PNG"),
    ("an empty file", "licence.pdf", b"", "application/pdf", "The file is empty"),
]


@pytest.mark.parametrize(
    ("name", "data", "content_type", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_bad_files_are_refused_with_a_message_that_says_why(name, data, content_type, message):
    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload(name, data, content_type))

    assert message in refusal.value.messages[0]


def test_a_file_over_ten_megabytes_is_refused_by_default():
    oversized = PDF_BYTES[:-6] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"

    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload("licence.pdf", oversized))

    assert "larger than the limit of 10 MB" in refusal.value.messages[0]


def test_the_size_limit_is_a_setting(settings):
    settings.LICENSING_UPLOAD_MAX_BYTES = 1024 * 1024 // 2

    with pytest.raises(ValidationError, match=r"the limit of 0\.5 MB"):
        uploads.check_upload(upload("licence.pdf", PDF_BYTES + b" " * (1024 * 1024)))


def test_a_file_at_the_limit_passes(settings):
    settings.LICENSING_UPLOAD_MAX_BYTES = len(PDF_BYTES)

    uploads.check_upload(pdf_upload())


def test_a_file_one_byte_over_the_limit_is_refused(settings):
    settings.LICENSING_UPLOAD_MAX_BYTES = len(PDF_BYTES) - 1

    with pytest.raises(ValidationError, match="larger than the limit"):
        uploads.check_upload(pdf_upload())


def test_a_photo_must_be_an_image():
    with pytest.raises(ValidationError, match="Upload a photo as JPEG or PNG"):
        uploads.check_upload(pdf_upload(), images_only=True)


# ---------------------------------------------------------------- through the portal's licence step

PORTAL_REFUSALS = [
    ("renamed .exe", upload("营业执照.pdf", EXE_BYTES), "This file is a program"),
    ("oversized", upload("营业执照.pdf", PDF_BYTES + b" " * (1024 * 1024)), "larger than the limit of 1 MB"),
    ("SVG", upload("营业执照.svg", SVG_BYTES, "image/svg+xml"), "SVG images are not accepted"),
    ("truncated PDF", upload("营业执照.pdf", TRUNCATED_PDF_BYTES), "This PDF is incomplete"),
    ("HTML as .png", upload("营业执照.png", HTML_BYTES, "image/png"), "web page (HTML)"),
]


@pytest.mark.parametrize(
    ("bad_file", "message"), [case[1:] for case in PORTAL_REFUSALS], ids=[case[0] for case in PORTAL_REFUSALS]
)
def test_the_licence_step_refuses_a_bad_file_and_keeps_the_rest_of_the_form(
    client, people, catering, settings, bad_file, message
):
    settings.LICENSING_UPLOAD_MAX_BYTES = 1024 * 1024
    application = ApplicationFactory(organization__owner=people.merchant)
    licence_type = catering.required_licence_types.get()
    client.force_login(people.merchant)

    response = client.post(
        reverse("licensing:step_licences", args=[application.pk]),
        {
            "licence_type": licence_type.pk,
            "number": "JY13201020012345",
            "issuing_authority": "南京市玄武区市场监督管理局",
            "valid_from": "2026-01-01",
            "valid_to": "2030-12-31",
            "file": bad_file,
            "action": "next",
        },
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert 'value="JY13201020012345"' in content
    assert 'value="南京市玄武区市场监督管理局"' in content
    assert 'value="2030-12-31"' in content
    assert f'<option value="{licence_type.pk}" selected>' in content
    assert not Licence.objects.exists()
