"""Applying for eligibility with proof, the reviewer's decision, and the renewal reminders."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from market.discounts import reminders
from market.discounts.models import Eligibility, EligibilityApplication, EligibilityApplicationState
from market.discounts.services.eligibility import (
    apply_for_eligibility,
    decline_eligibility,
    eligibility_applications_for,
    open_proof,
    verify_eligibility,
    withdraw_eligibility_application,
)
from market.errors import AppError, NotPermitted
from tests.discounts.conftest import WEDNESDAY, eligible_resident
from tests.discounts.factories import PDF_BYTES, group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = EligibilityApplicationState


def proof(name="登记证.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_verified_application_makes_the_resident_eligible_for_the_groups_usual_time(clock, people):
    resident = UserFactory()
    application = apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()])

    eligibility = verify_eligibility(application, people.reviewer)

    application.refresh_from_db()
    assert application.state == S.VERIFIED and application.decided_by == people.reviewer
    assert (eligibility.valid_from, eligibility.valid_until) == (WEDNESDAY, datetime.date(2027, 3, 11))
    assert eligibility.source_application == application


def test_proof_is_kept_in_private_storage_under_a_random_name(clock):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()])
    stored = application.proofs.get().file
    assert stored.storage is storages["private"]
    assert not stored.path.startswith(str(settings.MEDIA_ROOT))
    assert "登记证" not in stored.name and stored.name.startswith("eligibility/")


def test_an_application_without_proof_is_refused(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(UserFactory(), group("minimum-living-allowance"))
    assert str(refusal.value.message) == "Upload proof that you belong to this group, such as your certificate."
    assert not EligibilityApplication.objects.exists()


def test_a_program_named_like_a_pdf_is_refused(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(UserFactory(), group("disability"), proofs=[proof("证件.pdf", b"MZ\x90\x00 not a pdf")])
    assert str(refusal.value.message) == (
        "This file is a program, not a scanned document. Upload the scan as PDF, JPEG or PNG."
    )
    assert not EligibilityApplication.objects.exists()


def test_an_elderly_resident_is_verified_from_the_date_of_birth_without_a_document(clock):
    resident = UserFactory()
    application = apply_for_eligibility(resident, group("elderly"), date_of_birth=datetime.date(1966, 3, 11))

    assert application.state == S.VERIFIED and application.decided_by is None
    assert Eligibility.objects.valid_on(WEDNESDAY).filter(resident=resident, group__code="elderly").exists()


def test_a_resident_not_yet_sixty_is_refused_by_date_of_birth(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(UserFactory(), group("elderly"), date_of_birth=datetime.date(1966, 3, 12))
    assert "60" in str(refusal.value.message)
    assert not EligibilityApplication.objects.exists()


def test_a_declined_application_states_its_reason_and_grants_nothing(clock, people):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()])
    with pytest.raises(AppError):
        decline_eligibility(application, people.reviewer, "")

    decline_eligibility(application, people.reviewer, "登记证已过期，请上传有效证件。")

    application.refresh_from_db()
    assert application.state == S.DECLINED and application.decline_reason.startswith("登记证已过期")
    assert not Eligibility.objects.exists()
    with pytest.raises(AppError) as refusal:
        verify_eligibility(application, people.reviewer)
    assert str(refusal.value.message) == "This application has already been decided or withdrawn."


def test_only_reviewers_verify(clock, people):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()])
    for someone in (application.resident, people.approver, people.administrator):
        with pytest.raises(NotPermitted):
            verify_eligibility(application, someone)
    assert not Eligibility.objects.exists()


def test_a_resident_sees_only_their_own_applications_and_proof(clock, people):
    mine = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()])
    theirs = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()])

    assert list(eligibility_applications_for(mine.resident)) == [mine]
    assert set(eligibility_applications_for(people.reviewer)) == {mine, theirs}
    with open_proof(mine.proofs.get(), mine.resident) as file:
        assert file.read() == PDF_BYTES
    with pytest.raises(NotPermitted):
        open_proof(theirs.proofs.get(), mine.resident)


def test_a_second_application_for_the_same_group_waits_for_the_first(clock):
    resident = UserFactory()
    apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()])
    with pytest.raises(AppError):
        apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()])


def test_a_resident_withdraws_their_own_application_only(clock):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()])
    with pytest.raises(NotPermitted):
        withdraw_eligibility_application(application, UserFactory())
    withdraw_eligibility_application(application, application.resident)
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN


def test_renewal_reminders_go_out_thirty_and_seven_days_before_the_end_once_each(clock):
    resident = eligible_resident(valid_until=WEDNESDAY + datetime.timedelta(days=30))

    assert reminders.send_eligibility_renewal_reminders(WEDNESDAY) == 1
    assert reminders.send_eligibility_renewal_reminders(WEDNESDAY) == 0
    assert reminders.send_eligibility_renewal_reminders(WEDNESDAY + datetime.timedelta(days=23)) == 1
    assert [message.to for message in mail.outbox] == [[resident.email]] * 2


def test_a_resident_who_applied_again_is_not_reminded(clock):
    resident = eligible_resident(valid_until=WEDNESDAY + datetime.timedelta(days=10))
    apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()])
    assert reminders.send_eligibility_renewal_reminders(WEDNESDAY) == 0
    assert mail.outbox == []


def test_the_daily_jobs_command_sends_due_reminders(clock):
    resident = eligible_resident(valid_until=WEDNESDAY + datetime.timedelta(days=7))
    output = StringIO()
    call_command("run_discount_jobs", "--now", stdout=output)
    assert "send_eligibility_renewal_reminders: 1" in output.getvalue()
    assert mail.outbox[0].to == [resident.email]
