"""A resident who reviews or complains is never identified to the merchant: no page, export or email the merchant
can reach shows their name, account, phone, e-mail, their own words about the complaint or their evidence. Staff
see them."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from market.accounts.roles import Role
from market.feedback import services
from market.feedback.models import ComplaintOutcome
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET_WORDS = "邻居说三楼的刘阿姨也被多收了钱"


@pytest.fixture
def reported(shop, committed):
    """A resident with a recognisable name reviews the laundry and complains about it; a visitor complains too;
    the bureau takes both complaints to the merchant and answers them."""
    resident = UserFactory(
        role=Role.RESIDENT,
        username="wang-xiuying",
        display_name="王秀英",
        first_name="秀英",
        last_name="王",
        email="xiuying@example.cn",
        phone="13955556666",
    )
    review = services.submit_review(resident, shop.outlet, 2, "衬衫洗完有污渍，重新洗也没洗掉。")
    complaints = [
        committed(
            services.file_complaint,
            organization=shop.merchant,
            location=shop.outlet,
            category="price",
            description=f"收费二十元，价目表写八元。{SECRET_WORDS}",
            complainant=resident,
            evidence=[SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")],
        ),
        committed(
            services.file_complaint,
            organization=shop.merchant,
            category="quality",
            description=f"衣服洗坏了。{SECRET_WORDS}",
            contact_name="赵先生",
            contact_phone="13811112222",
            contact_email="zhao@example.cn",
        ),
    ]
    for complaint in complaints:
        services.assign_complaint(complaint, shop.approver, shop.reviewer)
        committed(
            services.ask_merchant_to_respond, complaint, shop.reviewer, "A customer reports a price above the list.", 5
        )
    services.respond_to_complaint(complaints[0], shop.owner, "价目表已更新。")
    for complaint in complaints:
        committed(services.record_outcome, complaint, shop.reviewer, ComplaintOutcome.UPHELD, "Overcharged.")
    return {"review": review, "complaints": complaints, "resident": resident}


IDENTIFYING = [
    "王秀英",
    "wang-xiuying",
    "xiuying@example.cn",
    "13955556666",
    "赵先生",
    "13811112222",
    "zhao@example.cn",
]


def assert_anonymous(text, where):
    for detail in [*IDENTIFYING, SECRET_WORDS, "/evidence/"]:
        assert detail not in text, f"{detail!r} shown to the merchant in {where}"


def test_no_page_the_merchant_can_open_identifies_the_complainant_or_the_reviewer(client, shop, reported):
    client.force_login(shop.owner)
    review, complaints = reported["review"], reported["complaints"]
    paths = [
        f"/merchants/{shop.merchant.pk}/",
        f"/en/merchants/{shop.merchant.pk}/",
        f"/feedback/merchants/{shop.merchant.pk}/reviews/",
        "/feedback/merchant/",
        "/en/feedback/merchant/",
        f"/feedback/merchant/reviews/{review.pk}/reply/",
        f"/feedback/reviews/{review.pk}/report/",
        "/accounts/",
        *(f"/feedback/merchant/complaints/{complaint.pk}/" for complaint in complaints),
        *(f"/en/feedback/merchant/complaints/{complaint.pk}/" for complaint in complaints),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 302), path
        assert_anonymous(response.content.decode(), path)


def test_the_complainants_own_pages_and_the_staff_pages_are_closed_to_the_merchant(client, shop, reported):
    client.force_login(shop.owner)
    complaint = reported["complaints"][0]
    evidence = complaint.evidence.get()

    assert client.get(f"/feedback/complaints/{complaint.pk}/").status_code == 404
    for path in [
        f"/admin/feedback/complaints/{complaint.pk}/",
        f"/admin/feedback/complaints/{complaint.pk}/evidence/{evidence.pk}/",
        "/admin/feedback/reports/complaints_by_month/?export=csv",
        "/admin/feedback/reports/rising_complaints/?export=xlsx",
        f"/admin/feedback/reviews/{reported['review'].pk}/",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], path


def test_no_email_to_the_merchant_identifies_the_complainant(shop, reported):
    to_merchant = [email for email in mail.outbox if shop.owner.email in email.to]

    assert len(to_merchant) == 4  # asked twice, told the outcome twice
    for email in to_merchant:
        assert_anonymous(email.subject + email.body, email.subject)


def test_the_bureau_reports_name_no_resident(client, shop, reported):
    client.force_login(shop.reviewer)

    for report in ["satisfaction_by_category", "complaints_by_month", "complaints_by_category", "rising_complaints"]:
        export = client.get(f"/admin/feedback/reports/{report}/?export=csv").content.decode()
        assert_anonymous(export, report)


def test_staff_see_who_complained_and_how_to_answer_them(client, shop, reported):
    client.force_login(shop.reviewer)
    resident_complaint, visitor_complaint = reported["complaints"]

    resident_page = client.get(f"/admin/feedback/complaints/{resident_complaint.pk}/").content.decode()
    visitor_page = client.get(f"/admin/feedback/complaints/{visitor_complaint.pk}/").content.decode()

    assert "wang-xiuying" in resident_page and "13955556666" in resident_page and SECRET_WORDS in resident_page
    assert "/evidence/" in resident_page
    assert "赵先生" in visitor_page and "13811112222" in visitor_page
