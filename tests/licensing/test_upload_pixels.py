"""An image is refused beyond the pixel limit (50 megapixels by default), with its own message, before it is
decoded: a valid 144-megapixel PNG is a few kilobytes and would take gigabytes to open. Nothing is stored.
"""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from market import uploads
from market.licensing.models import Licence
from tests.licensing.factories import ApplicationFactory
from tests.licensing.sample_files import upload


def png_of(width: int, height: int) -> bytes:
    """A whole, valid black-and-white PNG of that size: 1 bit a pixel, every row zero, so it compresses to little."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    return png_of(12_000, 12_000)


def test_a_144_megapixel_png_of_a_few_kilobytes_is_refused_with_its_own_message(huge_png):
    assert len(huge_png) < 200 * 1024

    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload("licence.png", huge_png, "image/png"))

    assert refusal.value.code == "too_many_pixels"
    assert "more than 50 megapixels" in refusal.value.messages[0]


def test_the_refusal_is_translated(huge_png):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload("licence.png", huge_png, "image/png"))

    assert "超过 50 百万像素" in refusal.value.messages[0]


def test_an_image_at_the_limit_passes_and_the_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_PIXELS = 2_000 * 1_000

    assert uploads.check_upload(upload("photo.png", png_of(2_000, 1_000), "image/png")).extension == ".png"
    with pytest.raises(ValidationError, match="more than 2 megapixels"):
        uploads.check_upload(upload("photo.png", png_of(2_001, 1_000), "image/png"), images_only=True)


def test_an_image_beyond_pillows_own_bomb_limit_gets_the_same_message():
    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(upload("licence.png", png_of(20_000, 20_000), "image/png"))

    assert refusal.value.code == "too_many_pixels"


def test_the_licence_step_refuses_it_and_stores_nothing(client, people, catering, huge_png, private_files):
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
            "file": upload("营业执照.png", huge_png, "image/png"),
            "action": "next",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "more than 50 megapixels" in response.content.decode()
    assert not Licence.objects.exists()
    assert list(private_files.iterdir()) == []
