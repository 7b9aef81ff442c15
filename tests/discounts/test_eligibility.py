"""Applying for eligibility with proof, the reviewer's decision, and the renewal reminders."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection

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
from tests.discounts.factories import PDF_BYTES, EligibilityGroupFactory, applicant, group, id_number
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
S = EligibilityApplicationState


def proof(name="登记证.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_verified_application_makes_the_resident_eligible_for_the_groups_usual_time(clock, people):
    resident = UserFactory()
    application = apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()], **applicant())

    eligibility = verify_eligibility(application, people.reviewer)

    application.refresh_from_db()
    assert application.state == S.VERIFIED and application.decided_by == people.reviewer
    assert (eligibility.valid_from, eligibility.valid_until) == (WEDNESDAY, datetime.date(2027, 3, 11))
    assert eligibility.source_application == application


def test_proof_is_kept_in_private_storage_under_a_random_name(clock):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()], **applicant())
    stored = application.proofs.get().file
    assert stored.storage is storages["private"]
    assert not stored.path.startswith(str(settings.MEDIA_ROOT))
    assert "登记证" not in stored.name and stored.name.startswith("eligibility/")


def test_an_application_without_proof_is_refused(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(UserFactory(), group("minimum-living-allowance"), **applicant())
    assert str(refusal.value.message) == "Upload proof that you belong to this group, such as your certificate."
    assert not EligibilityApplication.objects.exists()


def test_a_program_named_like_a_pdf_is_refused(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(
            UserFactory(), group("disability"), proofs=[proof("证件.pdf", b"MZ\x90\x00 not a pdf")], **applicant()
        )
    assert str(refusal.value.message) == (
        "This file is a program, not a scanned document. Upload the scan as PDF, JPEG or PNG."
    )
    assert not EligibilityApplication.objects.exists()


def elderly(verify_automatically=False):
    """The seeded group of the elderly, made again as it is seeded where a test flushed it."""
    group_ = group("elderly")
    group_.derivable_from_birth_date, group_.minimum_age, group_.proof_required = True, 60, True
    group_.verify_automatically = verify_automatically
    group_.save()
    return group_


def test_an_elderly_applicant_without_proof_is_not_verified(clock):
    resident = UserFactory()
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(resident, elderly(), **applicant(born=datetime.date(1950, 1, 1)))
    assert str(refusal.value.message) == (
        "Upload a photo of your ID card, the side with your photo, as proof of your age."
    )
    assert not EligibilityApplication.objects.exists()
    assert not Eligibility.objects.exists()


def test_an_elderly_applicant_with_an_id_card_image_waits_for_a_reviewer(clock, people):
    resident = UserFactory()
    application = apply_for_eligibility(
        resident, elderly(), proofs=[proof("身份证.pdf")], **applicant(born=datetime.date(1966, 3, 11))
    )
    assert (application.state, application.date_of_birth, application.decided_by) == (
        S.SUBMITTED,
        datetime.date(1966, 3, 11),
        None,
    )
    assert not Eligibility.objects.exists()
    verify_eligibility(application, people.reviewer)
    assert Eligibility.objects.valid_on(WEDNESDAY).filter(resident=resident, group__code="elderly").exists()


def test_an_administrator_may_turn_on_automatic_verification_by_age(clock):
    resident = UserFactory()
    application = apply_for_eligibility(
        resident, elderly(verify_automatically=True), **applicant(born=datetime.date(1966, 3, 11))
    )
    assert application.state == S.VERIFIED and application.decided_by is None
    assert Eligibility.objects.valid_on(WEDNESDAY).filter(resident=resident, group__code="elderly").exists()


def test_only_a_group_by_age_can_verify_automatically(db):
    with pytest.raises(IntegrityError):
        EligibilityGroupFactory(code="students", verify_automatically=True)


def test_a_resident_not_yet_sixty_is_refused_by_the_birth_date_in_the_id_number(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(
            UserFactory(), elderly(), proofs=[proof()], **applicant(born=datetime.date(1966, 3, 12))
        )
    assert str(refusal.value.message) == (
        "This group is for people aged 60 or over; by the date of birth in your ID number you are not yet."
    )
    assert not EligibilityApplication.objects.exists()


# ---------------------------------------------------------------- the person: name and ID number


def test_an_id_number_with_a_wrong_check_digit_is_refused_with_a_clear_message(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(
            UserFactory(),
            group("registered-unemployed"),
            proofs=[proof()],
            real_name="王小明",
            id_number="110105194912310021",  # 11010519491231002X is right
        )
    assert str(refusal.value.message) == (
        "This ID number is not valid: its last character does not match the first 17 (the check digit of GB 11643). "
        "Check it for a typing mistake."
    )
    assert not EligibilityApplication.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1101051949123100", "An ID number has 18 characters: 17 digits, then a digit or X."),
        ("11010519491331002X", "The date of birth in this ID number (characters 7 to 14) is not a real date."),
    ],
)
def test_a_malformed_id_number_is_refused_saying_what_is_wrong(clock, typed, message):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(
            UserFactory(), group("registered-unemployed"), proofs=[proof()], real_name="王小明", id_number=typed
        )
    assert str(refusal.value.message) == message
    assert not EligibilityApplication.objects.exists()


def test_the_id_number_is_stored_encrypted_and_shown_masked(clock):
    application = apply_for_eligibility(
        UserFactory(),
        group("registered-unemployed"),
        proofs=[proof()],
        real_name="王小明",
        id_number=" 11010519491231002x ",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id_number, id_number_masked FROM {EligibilityApplication._meta.db_table} WHERE id = %s",
            [application.pk],
        )
        stored, masked = cursor.fetchone()
    assert "11010519491231002X" not in stored and stored.startswith("fernet:")
    assert masked == "1101**********002X"
    application.refresh_from_db()
    assert application.id_number == "11010519491231002X"
    assert application.date_of_birth == datetime.date(1949, 12, 31)


def test_a_name_is_required(clock):
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(
            UserFactory(), group("registered-unemployed"), proofs=[proof()], real_name=" ", id_number=id_number()
        )
    assert str(refusal.value.message) == "Enter your name as it is on your ID card."


def test_an_id_number_verified_for_another_account_is_refused(clock, people):
    number = id_number()
    first = apply_for_eligibility(
        UserFactory(), group("registered-unemployed"), proofs=[proof()], real_name="王小明", id_number=number
    )
    verify_eligibility(first, people.reviewer)
    with pytest.raises(AppError) as refusal:
        apply_for_eligibility(
            UserFactory(), group("disability"), proofs=[proof()], real_name="王小明", id_number=number
        )
    assert str(refusal.value.message) == (
        "This ID number is already verified for another account. If it is yours, contact the bureau."
    )
    with pytest.raises(AppError):
        apply_for_eligibility(first.resident, group("disability"), proofs=[proof()], **applicant())
    assert EligibilityApplication.objects.count() == 1


def test_a_declined_application_states_its_reason_and_grants_nothing(clock, people):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()], **applicant())
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
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()], **applicant())
    for someone in (application.resident, people.approver, people.administrator):
        with pytest.raises(NotPermitted):
            verify_eligibility(application, someone)
    assert not Eligibility.objects.exists()


def test_a_resident_sees_only_their_own_applications_and_proof(clock, people):
    mine = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()], **applicant())
    theirs = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()], **applicant())

    assert list(eligibility_applications_for(mine.resident)) == [mine]
    assert set(eligibility_applications_for(people.reviewer)) == {mine, theirs}
    with open_proof(mine.proofs.get(), mine.resident) as file:
        assert file.read() == PDF_BYTES
    with pytest.raises(NotPermitted):
        open_proof(theirs.proofs.get(), mine.resident)


def test_a_second_application_for_the_same_group_waits_for_the_first(clock):
    resident = UserFactory()
    apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()], **applicant())
    with pytest.raises(AppError):
        apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()], **applicant())


def test_a_resident_withdraws_their_own_application_only(clock):
    application = apply_for_eligibility(UserFactory(), group("registered-unemployed"), proofs=[proof()], **applicant())
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
    apply_for_eligibility(resident, group("registered-unemployed"), proofs=[proof()], **applicant())
    assert reminders.send_eligibility_renewal_reminders(WEDNESDAY) == 0
    assert mail.outbox == []


def test_the_daily_jobs_command_sends_due_reminders(clock):
    resident = eligible_resident(valid_until=WEDNESDAY + datetime.timedelta(days=7))
    output = StringIO()
    call_command("run_discount_jobs", "--now", stdout=output)
    assert "send_eligibility_renewal_reminders: 1" in output.getvalue()
    assert mail.outbox[0].to == [resident.email]


def test_of_two_accounts_that_applied_with_one_number_only_one_is_verified(clock, people):
    number = id_number()
    first, second = (
        apply_for_eligibility(
            UserFactory(), group("registered-unemployed"), proofs=[proof()], real_name="王小明", id_number=number
        )
        for _ in range(2)
    )
    verify_eligibility(first, people.reviewer)
    with pytest.raises(AppError):
        verify_eligibility(second, people.reviewer)
    second.refresh_from_db()
    assert second.state == S.SUBMITTED
    assert not Eligibility.objects.filter(resident=second.resident).exists()
