"""The pages, without JavaScript: a merchant posts through the form and a refusal comes back beside the field with
what was typed kept; a resident applies with a CV; the account pages follow each application; every page reads
in Chinese and English."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from market.accounts.roles import Role
from market.jobs.models import JobApplication, JobApplicationState, JobPost
from tests.discounts.factories import PDF_BYTES
from tests.factories import CategoryFactory, UserFactory
from tests.jobs.conftest import laid_off_resident
from tests.jobs.factories import JobApplicationFactory, JobPostFactory
from tests.jobs.helpers import written


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_form(outlet, **changes) -> dict:
    data = {
        "organization": outlet.organization.pk,
        "location": outlet.pk,
        "title": "早班理货员",
        "category": CategoryFactory(code="retail").pk,
        "kind": "part_time",
        "shifts": "周一至周五 7:00–11:00",
        "hours_per_day": "4",
        "days_per_week": "5",
        "pay_amount": "26.00",
        "pay_unit": "hour",
        "starts_on": "2026-03-16",
        "ends_on": "2026-06-30",
        "places": "2",
        "description": "清晨理货、补货。",
        "training_given": "on",
    }
    data.update(changes)
    return data


def test_a_merchant_publishes_through_the_form(outlet):
    client = signed_in(outlet.organization.owner)
    assert client.get("/en/jobs/merchant/new/").status_code == 200

    response = client.post("/en/jobs/merchant/new/", post_form(outlet))

    post = JobPost.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/jobs/merchant/{post.pk}/"
    assert post.training_given and post.title == "早班理货员"
    assert "The post is published on the jobs page." in client.get(response["Location"]).content.decode()


def test_pay_below_the_minimum_comes_back_beside_the_pay_with_what_was_typed(outlet):
    client = signed_in(outlet.organization.owner)
    before = written()

    response = client.post("/en/jobs/merchant/new/", post_form(outlet, pay_amount="18.00"))

    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'id="id_pay_amount_error"[^>]*>.*below the minimum hourly wage of ¥23.50', page, re.S)
    assert 'value="早班理货员"' in page and 'value="18.00"' in page
    assert written() == before


def test_a_merchant_that_is_not_listed_cannot_post(db, clock):
    merchant = UserFactory(role=Role.MERCHANT)
    assert signed_in(merchant).get("/en/jobs/merchant/new/").status_code == 403


def test_a_resident_applies_with_a_cv_and_follows_it_on_the_account_page(outlet):
    post = JobPostFactory(location=outlet, title="早班理货员")
    resident = laid_off_resident()
    client = signed_in(resident)
    assert "Apply for this job" in client.get(f"/en/jobs/{post.pk}/").content.decode()

    response = client.post(
        f"/en/jobs/{post.pk}/apply/",
        {
            "full_name": "李红梅",
            "phone": "13912345678",
            "availability": "工作日上午",
            "experience": "",
            "cv": SimpleUploadedFile("cv.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )

    application = JobApplication.objects.get()
    assert response["Location"] == f"/en/jobs/applications/{application.pk}/"
    assert application.cv
    home = client.get("/en/accounts/").content.decode()
    assert "早班理货员" in home and "Sent" in home
    assert "Your application:" in client.get(f"/en/jobs/{post.pk}/").content.decode()


def test_in_the_window_another_resident_sees_why_and_no_form(outlet):
    post = JobPostFactory(location=outlet)
    client = signed_in(UserFactory(role=Role.RESIDENT))

    for url in (f"/en/jobs/{post.pk}/", f"/en/jobs/{post.pk}/apply/"):
        page = client.get(url).content.decode()
        assert "this post is open only to residents verified as registered unemployed" in page
        assert "Send my application" not in page
    before = written()
    client.post(f"/en/jobs/{post.pk}/apply/", {"full_name": "王", "phone": "13900000000", "availability": "上午"})
    assert written() == before


def test_who_reaches_the_resident_and_merchant_pages(outlet):
    post = JobPostFactory(location=outlet)
    anonymous = Client()
    assert anonymous.get(f"/en/jobs/{post.pk}/apply/")["Location"].startswith("/en/accounts/sign-in/")
    assert "Sign in to apply" in anonymous.get(f"/en/jobs/{post.pk}/").content.decode()
    assert signed_in(outlet.organization.owner).get(f"/en/jobs/{post.pk}/apply/").status_code == 403
    assert signed_in(UserFactory(role=Role.RESIDENT)).get("/en/jobs/merchant/").status_code == 403


def test_the_merchant_answers_on_its_pages_and_its_account_page_counts_who_waits(outlet):
    post = JobPostFactory(location=outlet)
    application = JobApplicationFactory(post=post, resident=laid_off_resident(), priority_applicant=True)
    client = signed_in(outlet.organization.owner)

    assert "1 applicant waiting for your answer" in client.get("/en/accounts/").content.decode()
    page = client.get(f"/en/jobs/merchant/{post.pk}/").content.decode()
    assert application.full_name in page and "Registered unemployed" in page
    client.post(f"/en/jobs/merchant/applications/{application.pk}/invite/", {"invite-message": "周四上午面谈"})
    client.post(f"/en/jobs/merchant/applications/{application.pk}/hire/")

    application.refresh_from_db()
    assert application.state == JobApplicationState.HIRED
    assert application.merchant_message == "周四上午面谈"
    assert "1 of 2 places filled" in client.get(f"/en/jobs/merchant/{post.pk}/").content.decode()


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_page_reads_in_both_languages(outlet, language):
    post = JobPostFactory(location=outlet)
    resident = laid_off_resident()
    application = JobApplicationFactory(post=post, resident=resident)
    merchant = outlet.organization.owner
    pages = [
        (None, "/jobs/"),
        (None, f"/jobs/{post.pk}/"),
        (resident, f"/jobs/{post.pk}/apply/"),
        (resident, "/jobs/applications/"),
        (resident, f"/jobs/applications/{application.pk}/"),
        (resident, "/accounts/"),
        (merchant, "/accounts/"),
        (merchant, "/jobs/merchant/"),
        (merchant, "/jobs/merchant/new/"),
        (merchant, f"/jobs/merchant/{post.pk}/"),
        (merchant, f"/jobs/merchant/{post.pk}/edit/"),
        (merchant, f"/jobs/merchant/applications/{application.pk}/"),
    ]
    for user, path in pages:
        client = signed_in(user) if user else Client()
        response = client.get(language + path)
        assert response.status_code == 200, path
        page = response.content.decode()
        if language:
            assert "灵活就业" not in page and "招聘岗位" not in page, path
        else:
            assert re.search("灵活就业|招聘|岗位|求职", page), path
