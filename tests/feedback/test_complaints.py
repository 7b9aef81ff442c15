"""Complaints: filed by a resident or a visitor who can be answered, handled by the bureau step by step (assigned,
the merchant asked within a deadline, the outcome recorded with reasons), the complainant told, and upheld
complaints kept on the merchant's record."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from market.accounts.roles import Role
from market.errors import NotPermitted
from market.feedback import services
from market.feedback.errors import FeedbackError
from market.feedback.merchant_record import complaint_record_for, upheld_complaints_for
from market.feedback.models import (
    ComplaintAction,
    ComplaintCategory,
    ComplaintOutcome,
    ComplaintState,
    ToldHow,
)
from tests.factories import LocationFactory, UserFactory
from tests.feedback.factories import ComplaintFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
WHAT_HAPPENED = "洗一件衬衫收了二十元，价目表上写的是八元，店员不肯退差价。"


def receipt(name="receipt.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def file_as_resident(shop, **changes):
    arguments = {
        "organization": shop.merchant,
        "location": shop.outlet,
        "category": ComplaintCategory.PRICE,
        "description": WHAT_HAPPENED,
        "complainant": shop.resident,
    }
    return services.file_complaint(**{**arguments, **changes})


def test_a_resident_files_a_complaint_with_private_evidence_and_gets_a_receipt(shop, committed):
    complaint = committed(file_as_resident, shop, evidence=[receipt()])

    assert complaint.state == ComplaintState.RECEIVED
    assert complaint.reference == f"TS-2026-{complaint.pk:06d}"
    (evidence,) = complaint.evidence.all()
    assert evidence.file.name.startswith("complaints/") and evidence.file.name.endswith(".pdf")
    with pytest.raises(ValueError, match="no public URL"):
        evidence.file.url  # noqa: B018
    assert complaint.events.get().action == ComplaintAction.FILED
    (email,) = mail.outbox
    assert email.to == [shop.resident.email]
    assert complaint.reference in email.subject
    assert (
        f"/en/feedback/complaints/{complaint.pk}/" in email.body
        or f"/feedback/complaints/{complaint.pk}/" in email.body
    )


def test_a_visitor_complains_with_a_phone_number_or_an_email_and_nothing_else_will_do(shop):
    with pytest.raises(FeedbackError, match="Give a phone number or an e-mail address"):
        services.file_complaint(organization=shop.merchant, category="quality", description=WHAT_HAPPENED)

    complaint = services.file_complaint(
        organization=shop.merchant, category="quality", description=WHAT_HAPPENED, contact_phone="13912345678"
    )

    assert complaint.complainant is None
    assert complaint.contact_phone == "13912345678"


def test_a_merchant_cannot_complain_about_itself(shop):
    with pytest.raises(NotPermitted, match="You cannot complain about your own business"):
        file_as_resident(shop, complainant=shop.owner)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"category": "rudeness"}, "Choose what the complaint is about."),
        ({"description": "太贵"}, "a little more detail"),
        ({"location": "other"}, "Choose one of this merchant's outlets."),
        ({"evidence": [receipt("a.exe", b"MZ\x90\x00" * 50)]}, "This file is a program"),
        ({"evidence": [receipt(f"{number}.pdf") for number in range(6)]}, "Attach at most 5 files"),
    ],
)
def test_a_complaint_the_bureau_cannot_act_on_is_refused_with_the_reason(shop, changes, message):
    if changes.get("location") == "other":
        changes["location"] = LocationFactory()

    with pytest.raises(FeedbackError, match=message):
        file_as_resident(shop, **changes)


def test_the_bureau_handles_a_complaint_and_the_complainant_and_the_merchant_are_told(shop, committed, clock):
    complaint = file_as_resident(shop)

    services.assign_complaint(complaint, shop.approver, shop.reviewer)
    committed(
        services.ask_merchant_to_respond, complaint, shop.reviewer, "A customer says a shirt cost ¥20, not ¥8.", 5
    )
    clock.advance(days=1)
    services.respond_to_complaint(complaint, shop.owner, "The price list was out of date; we refunded ¥12.")
    mail.outbox.clear()
    committed(services.record_outcome, complaint, shop.reviewer, ComplaintOutcome.UPHELD, "Overcharged by ¥12.")

    assert complaint.state == ComplaintState.CLOSED
    assert complaint.complainant_told_how == ToldHow.ONLINE
    assert list(complaint.events.values_list("action", "from_state", "to_state")) == [
        (ComplaintAction.FILED, "", ComplaintState.RECEIVED),
        (ComplaintAction.ASSIGNED, ComplaintState.RECEIVED, ComplaintState.ASSIGNED),
        (ComplaintAction.MERCHANT_ASKED, ComplaintState.ASSIGNED, ComplaintState.AWAITING_MERCHANT),
        (ComplaintAction.MERCHANT_RESPONDED, ComplaintState.AWAITING_MERCHANT, ComplaintState.MERCHANT_RESPONDED),
        (ComplaintAction.OUTCOME_RECORDED, ComplaintState.MERCHANT_RESPONDED, ComplaintState.CLOSED),
    ]
    to_complainant, to_merchant = mail.outbox
    assert to_complainant.to == [shop.resident.email]
    # Each is written in the reader's language: these two chose Chinese, the site's default.
    assert "Overcharged by ¥12." in to_complainant.body and "投诉成立" in to_complainant.body
    assert shop.owner.email in to_merchant.to
    assert list(upheld_complaints_for(shop.merchant)) == [complaint]


def test_each_step_in_its_order_and_by_the_right_person(shop):
    complaint = file_as_resident(shop)

    with pytest.raises(FeedbackError, match="Assign the complaint before asking the merchant"):
        services.ask_merchant_to_respond(complaint, shop.reviewer, "Explain the price.")
    with pytest.raises(FeedbackError, match="Choose a reviewer who may handle this complaint"):
        services.assign_complaint(complaint, shop.approver, shop.approver)
    services.assign_complaint(complaint, shop.approver, shop.reviewer)
    with pytest.raises(NotPermitted):
        services.record_outcome(complaint, shop.approver, ComplaintOutcome.UPHELD, "Approvers do not decide.")
    with pytest.raises(NotPermitted):
        services.respond_to_complaint(complaint, LocationFactory().organization.owner, "Not our shop.")
    with pytest.raises(FeedbackError, match="not waiting for a response from you"):
        services.respond_to_complaint(complaint, shop.owner, "Nobody asked us yet.")
    with pytest.raises(FeedbackError, match="from 1 to 20 working days"):
        services.ask_merchant_to_respond(complaint, shop.reviewer, "Explain the price.", 60)
    with pytest.raises(FeedbackError, match="Give the reasons"):
        services.record_outcome(complaint, shop.reviewer, ComplaintOutcome.NOT_UPHELD, " ")


def test_staff_never_handle_a_complaint_they_made_or_one_against_their_own_shop(shop):
    reviewer_as_resident = UserFactory(role=Role.REVIEWER)
    complaint = file_as_resident(shop, complainant=reviewer_as_resident)
    reviewer_with_a_shop = LocationFactory(organization__owner=UserFactory(role=Role.REVIEWER)).organization.owner
    against_their_shop = file_as_resident(shop, organization=reviewer_with_a_shop.organizations.get(), location=None)

    assert not reviewer_as_resident.has_perm("feedback.handle_complaint", complaint)
    assert not reviewer_with_a_shop.has_perm("feedback.handle_complaint", against_their_shop)
    assert not reviewer_with_a_shop.has_perm("feedback.view_complaint_evidence", against_their_shop)
    assert shop.reviewer.has_perm("feedback.handle_complaint", against_their_shop)


def test_a_visitor_who_left_only_a_phone_number_is_called_and_the_call_recorded(shop):
    complaint = ComplaintFactory(
        organization=shop.merchant, complainant=None, contact_phone="13912345678", state=ComplaintState.ASSIGNED
    )

    services.record_outcome(complaint, shop.reviewer, ComplaintOutcome.NOT_UPHELD, "The price was as listed.")
    assert complaint.complainant_told_at is None
    services.record_complainant_told_by_phone(complaint, shop.reviewer, "Called at 14:00, explained the answer.")

    assert complaint.complainant_told_how == ToldHow.PHONE
    with pytest.raises(FeedbackError, match="told already"):
        services.record_complainant_told_by_phone(complaint, shop.reviewer)


def test_upheld_complaints_count_on_the_merchant_record(shop):
    for outcome in [ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD, ComplaintOutcome.NOT_UPHELD]:
        complaint = ComplaintFactory(organization=shop.merchant, state=ComplaintState.ASSIGNED)
        services.record_outcome(complaint, shop.reviewer, outcome, "Found after an inspection.")
    ComplaintFactory(organization=shop.merchant)

    record = complaint_record_for(shop.merchant)

    assert (record.upheld, record.partly_upheld, record.not_upheld, record.open) == (1, 1, 1, 1)
    assert record.counted_against == 2
    assert {complaint.outcome for complaint in upheld_complaints_for(shop.merchant)} == {
        ComplaintOutcome.UPHELD,
        ComplaintOutcome.PARTLY_UPHELD,
    }
