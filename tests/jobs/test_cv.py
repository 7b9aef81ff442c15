"""The CV is a private file: stored outside the public media, never given a URL, served only to the resident who
sent it and the post's merchant, as a download the browser will not run."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from market.accounts.roles import Role
from market.jobs import services
from market.jobs.errors import JobsError
from tests.discounts.factories import PDF_BYTES
from tests.factories import LocationFactory, UserFactory
from tests.jobs.conftest import laid_off_resident
from tests.jobs.factories import JobPostFactory
from tests.jobs.helpers import written

PROFILE = {"full_name": "李红梅", "phone": "13912345678", "availability": "工作日上午"}


@pytest.fixture
def application(outlet):
    post = JobPostFactory(location=outlet)
    cv = SimpleUploadedFile("我的简历.pdf", PDF_BYTES, content_type="application/pdf")
    return services.apply(post, laid_off_resident(), cv=cv, **PROFILE)


def test_a_cv_file_is_never_a_public_url(application, private_files):
    assert application.cv.name.startswith("job-applications/")
    assert "简历" not in application.cv.name
    with pytest.raises(ValueError, match="no public URL"):
        _ = application.cv.url
    stored = private_files / application.cv.name
    assert stored.read_bytes() == PDF_BYTES
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))

    client = Client()
    client.force_login(application.resident)
    page = client.get(f"/en/jobs/applications/{application.pk}/").content.decode()
    assert f"/en/jobs/applications/{application.pk}/cv/" in page
    assert application.cv.name not in page
    assert settings.MEDIA_URL + "job-applications" not in page


def test_the_resident_and_the_posts_merchant_download_it_and_nobody_else(application):
    url = f"/en/jobs/applications/{application.pk}/cv/"
    for person in (application.resident, application.post.organization.owner):
        client = Client()
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"

    outsiders = [
        LocationFactory().organization.owner,
        UserFactory(role=Role.RESIDENT),
        UserFactory(role=Role.REVIEWER),
        UserFactory(role=Role.ADMINISTRATOR),
    ]
    for person in outsiders:
        client = Client()
        client.force_login(person)
        assert client.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to sign in


def test_a_web_page_sent_as_a_cv_is_refused_and_nothing_is_written(outlet):
    post = JobPostFactory(location=outlet)
    page = SimpleUploadedFile("cv.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    before = written()

    with pytest.raises(JobsError) as refusal:
        services.apply(post, laid_off_resident(), cv=page, **PROFILE)

    assert refusal.value.field == "cv"
    assert "web page (HTML)" in str(refusal.value)
    assert written() == before
