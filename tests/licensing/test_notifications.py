"""The merchant hears of every step by email: once per event, after the commit, in their own language."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from market.licensing.models import PauseReason
from market.licensing.services.decisions import (
    approve_application,
    extend_decision_period,
    reinstate_listing,
    reject_application,
    revoke_listing,
    suspend_listing,
)
from market.licensing.services.jobs import close_ended_public_notices
from market.licensing.services.workflow import (
    accept_application,
    answer_information_request,
    pause_for_inspection,
    recommend_approval,
    request_information,
    start_review,
    submit_application,
)
from tests.licensing.conftest import MONDAY

ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an act as if its transaction committed, so that the emails it causes are sent."""

    def run(act, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return act(*args, **kwargs)

    return run


@pytest.fixture
def english_merchant(people):
    people.merchant.preferred_language = "en"
    people.merchant.save(update_fields=["preferred_language"])
    return people.merchant


def only_email():
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return mail.outbox[0]


def test_the_receipt_gives_the_acceptance_deadline(workflow, people, committed, english_merchant):
    application = workflow.draft()

    committed(submit_application, application, people.merchant)

    email = only_email()
    assert email.to == [people.merchant.email]
    assert email.subject == f"Application {application.case_number}: receipt"
    assert "This email is your receipt." in email.body
    # Monday 2 March plus 5 working days.
    assert "By 2026-03-09 the bureau will accept your application" in email.body


def test_emails_are_written_in_the_merchants_language(workflow, people, committed):
    assert people.merchant.preferred_language == "zh-hans"
    application = workflow.draft()

    committed(submit_application, application, people.merchant)

    assert "新登记" in only_email().body
    assert "(New listing)" not in mail.outbox[0].body


def test_a_request_before_acceptance_lists_every_missing_item(workflow, people, committed, english_merchant):
    application = workflow.submitted()

    committed(
        request_information,
        application,
        people.reviewer,
        ["Business licence copy", "Floor plan of the outlet", "Fire safety certificate"],
        note="Scans must be legible.",
    )

    email = only_email()
    assert email.subject == f"Application {application.case_number}: more information needed"
    for line in ("1. Business licence copy", "2. Floor plan of the outlet", "3. Fire safety certificate"):
        assert line in email.body
    assert "Scans must be legible." in email.body
    assert "5 working days again" in email.body


def test_a_request_during_review_is_emailed_once_and_says_the_clock_is_paused(
    workflow, people, committed, english_merchant
):
    application = workflow.under_review()

    committed(request_information, application, people.reviewer, ["Lease contract", "Staff health certificates"])

    email = only_email()
    assert "1. Lease contract" in email.body
    assert "2. Staff health certificates" in email.body
    assert "The decision period is paused" in email.body


def test_supplying_the_material_before_acceptance_brings_a_new_receipt(workflow, people, committed, english_merchant):
    application = workflow.needs_information()
    workflow.clock.set(MONDAY + 2 * ONE_DAY)

    committed(answer_information_request, application, people.merchant, "Uploaded the copy.")

    email = only_email()
    assert "We received the additional material" in email.body
    assert "By 2026-03-11 the bureau will accept" in email.body  # Wednesday plus 5 working days


def test_acceptance_gives_the_decision_deadline(workflow, people, committed, english_merchant):
    application = workflow.submitted()

    committed(accept_application, application, people.reviewer)

    email = only_email()
    assert email.subject == f"Application {application.case_number} accepted"
    assert "by 2026-03-30" in email.body  # 20 working days from Monday 2 March


def test_an_extension_is_explained_with_its_reason(workflow, people, committed, english_merchant):
    application = workflow.under_review()

    committed(extend_decision_period, application, people.approver, "An expert opinion on the kitchen.")

    email = only_email()
    assert "extended" in email.subject
    assert "An expert opinion on the kitchen." in email.body
    assert "by 2026-04-14" in email.body  # 30 working days from Monday 2 March, skipping Qingming (6 April)


def test_a_pause_for_inspection_is_written_notice(workflow, people, committed, english_merchant):
    application = workflow.under_review()

    committed(
        pause_for_inspection,
        application,
        people.reviewer,
        PauseReason.INSPECTION,
        "An inspector will visit the outlet on 5 March.",
    )

    email = only_email()
    assert "This is written notice" in email.body
    assert "On-site inspection" in email.body
    assert "An inspector will visit the outlet on 5 March." in email.body


def test_opening_the_public_notice_sends_one_email_with_its_dates(workflow, people, committed, english_merchant):
    application = workflow.under_review()

    committed(recommend_approval, application, people.reviewer, "Complete.")

    email = only_email()
    assert email.subject == f"Application {application.case_number}: public notice opened"
    assert "from 2026-03-02 to 2026-03-09" in email.body
    assert "Complete." not in email.body  # the reviewer's note is internal


def test_approval_after_the_notice_links_to_the_listing(workflow, people, committed, english_merchant):
    application = workflow.in_state("public_notice_ended")

    committed(approve_application, application, people.approver)

    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        f"Application {application.case_number}: public notice closed",
        f"Application {application.case_number} approved",
    ]
    assert f"http://127.0.0.1:8000/en/merchants/{application.organization.pk}/" in mail.outbox[1].body


def test_the_listing_link_is_in_the_merchants_language(workflow, people, committed):
    application = workflow.in_state("public_notice_ended")

    committed(approve_application, application, people.approver)

    assert f"http://127.0.0.1:8000/merchants/{application.organization.pk}/" in mail.outbox[-1].body


def test_a_rejection_gives_reasons_and_rights_of_review(workflow, people, committed, english_merchant):
    application = workflow.under_review()

    committed(reject_application, application, people.approver, "The premises are too small.")

    email = only_email()
    assert "The premises are too small." in email.body
    assert "administrative reconsideration within 60 days" in email.body
    assert "lawsuit" in email.body


def test_suspension_reinstatement_and_revocation_each_give_their_reason(workflow, people, committed, english_merchant):
    organization = workflow.approved().organization
    mail.outbox.clear()

    committed(suspend_listing, organization, people.approver, "Complaints about prices.")
    committed(reinstate_listing, organization, people.approver, "Prices corrected.")
    committed(revoke_listing, organization, people.approver, "Repeated overcharging.")

    assert [message.subject for message in mail.outbox] == [
        "Your listing is suspended",
        "Your listing is reinstated",
        "Your listing is revoked",
    ]
    for message, reason in zip(
        mail.outbox, ["Complaints about prices.", "Prices corrected.", "Repeated overcharging."], strict=True
    ):
        assert reason in message.body
        assert message.to == [people.merchant.email]


def test_the_merchants_own_address_is_copied(workflow, people, committed):
    application = workflow.draft()
    application.organization.email = "office@laundry.example.cn"
    application.organization.save(update_fields=["email"])

    committed(submit_application, application, people.merchant)

    assert only_email().to == [people.merchant.email, "office@laundry.example.cn"]


def test_the_whole_path_sends_one_email_per_event(workflow, people, committed):
    application = workflow.draft()
    committed(submit_application, application, people.merchant)
    committed(request_information, application, people.reviewer, ["Floor plan"])
    committed(answer_information_request, application, people.merchant, "Uploaded.")
    committed(accept_application, application, people.reviewer)
    committed(start_review, application, people.reviewer)
    committed(recommend_approval, application, people.reviewer)
    workflow.clock.set(application.notice_ends_on + ONE_DAY)
    committed(close_ended_public_notices)
    committed(approve_application, application, people.approver)

    # receipt, request, new receipt, accepted, notice opened, notice closed, approved: starting the review and
    # the reviewer's recommendation tell the merchant nothing of their own.
    assert len(mail.outbox) == 7


def test_nothing_is_sent_when_the_transaction_rolls_back(workflow, people, committed):
    application = workflow.under_review()

    def extend_then_fail():
        with transaction.atomic():
            extend_decision_period(application, people.approver, "Expert review.")
            request_information(application, people.reviewer, ["Lease contract"])
            raise RuntimeError("the request failed after the acts")

    with pytest.raises(RuntimeError):
        committed(extend_then_fail)

    assert mail.outbox == []


def test_nothing_is_sent_before_the_commit(workflow, people, django_capture_on_commit_callbacks):
    application = workflow.draft()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_application(application, people.merchant)

    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
