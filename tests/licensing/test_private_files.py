"""Licence scans are private: served to their merchant and to bureau staff, to no one else, and never from
the public media folder.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from market.accounts.roles import Role
from tests.factories import UserFactory
from tests.licensing.factories import PDF_BYTES, LicenceFactory


@pytest.fixture
def licence(people):
    return LicenceFactory(organization__owner=people.merchant)


def file_url(licence):
    return reverse("licensing:licence_file", args=[licence.pk])


@pytest.mark.parametrize("role", [Role.MERCHANT, Role.REVIEWER, Role.APPROVER, Role.ADMINISTRATOR])
def test_the_owner_and_bureau_staff_download_the_scan(client, people, licence, role):
    person = people.merchant if role == Role.MERCHANT else UserFactory(role=role)
    client.force_login(person)

    response = client.get(file_url(licence))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{licence.licence_type.code}-{licence.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("person", ["other_merchant", "resident", "anonymous", "editor"])
def test_anyone_else_gets_not_found(client, people, licence, person):
    if person == "editor":
        client.force_login(UserFactory(role=Role.EDITOR))
    elif person != "anonymous":
        client.force_login(getattr(people, person))

    response = client.get(file_url(licence))

    assert response.status_code == 404
    assert PDF_BYTES not in response.content


def test_a_licence_that_does_not_exist_looks_the_same_as_one_that_is_not_yours(client, people, licence):
    client.force_login(people.other_merchant)

    assert client.get(file_url(licence)).status_code == client.get(file_url_for_pk(licence.pk + 1000)).status_code


def file_url_for_pk(pk):
    return reverse("licensing:licence_file", args=[pk])


def test_the_scan_is_stored_outside_the_public_media_folder(client, licence):
    stored = Path(licence.file.path).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()

    assert stored.read_bytes() == PDF_BYTES
    assert not stored.is_relative_to(media_root)
    assert not (media_root / licence.file.name).exists()
    assert client.get(f"{settings.MEDIA_URL}{licence.file.name}").status_code == 404


def test_the_stored_name_is_generated_not_the_uploaded_one(licence):
    assert "licence" not in Path(licence.file.name).stem
    assert licence.file.name.startswith(f"licences/{licence.organization_id}/")
