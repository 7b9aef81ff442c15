"""Benefit codes: issued to the eligible; a QR code that changes every 30 seconds, a typed code good once for ten
minutes, a printed card whose every use is logged; nothing readable stored; a merchant told only which offers
apply."""

import dataclasses
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from market.accounts.roles import Role
from market.discounts import codes
from market.discounts.errors import TooManyAttempts
from market.discounts.models import BenefitCard, BenefitCode, CodeLookupFailure, OneTimeCode, Redemption
from market.discounts.services.benefit_codes import (
    active_benefit_code,
    issue_benefit_card,
    issue_benefit_code,
    issue_typed_code,
    resident_by_id_number,
    revoke_benefit_card,
    revoke_benefit_code,
)
from market.discounts.services.code_lookup import lookup_for_merchant
from market.discounts.services.eligibility import apply_for_eligibility, verify_eligibility
from market.errors import AppError, NotPermitted
from tests.discounts.conftest import new_key
from tests.discounts.factories import PDF_BYTES, OfferFactory, applicant, group, id_number
from tests.factories import LocationFactory, OrganizationFactory, UserFactory


def pdf_proof():
    return SimpleUploadedFile("身份证.pdf", PDF_BYTES, content_type="application/pdf")

pytestmark = pytest.mark.django_db


def test_a_code_is_issued_only_to_a_resident_with_verified_eligibility(clock):
    with pytest.raises(AppError) as refusal:
        issue_benefit_code(UserFactory())
    assert str(refusal.value.message) == "A benefit code is issued once your eligibility has been verified."
    assert not BenefitCode.objects.exists()


def test_only_the_resident_can_have_their_code_issued(counter):
    with pytest.raises(NotPermitted):
        issue_benefit_code(counter.staff)


def test_the_database_holds_no_secret_code_or_card_number_readable(counter):
    typed = counter.short_code
    stored = [
        *BenefitCode.objects.filter(pk=counter.code.pk).values().get().values(),
        *[value for row in OneTimeCode.objects.values() for value in row.values()],
        *[value for row in BenefitCard.objects.values() for value in row.values()],
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT secret FROM {BenefitCode._meta.db_table} WHERE id = %s", [counter.code.pk])
        [raw_secret] = cursor.fetchone()
    qr_id = codes.qr_id(counter.code)

    assert counter.code.secret not in raw_secret and raw_secret.startswith("fernet:")
    for private in (codes.normalise(typed), codes.normalise(counter.card), qr_id):
        assert not any(private in str(value) for value in stored)


def test_a_typed_code_is_accepted_in_lower_case_with_spaces(counter):
    typed = " ".join(codes.normalise(counter.short_code).lower())
    assert counter.redeem(code=typed).resident == counter.resident


def test_the_qr_code_is_an_svg_that_changes_every_thirty_seconds(counter, clock):
    svg = codes.qr_svg(counter.code)
    assert svg.startswith("<svg") and "<path" in svg
    assert codes.qr_payload(counter.code) not in svg
    first = counter.qr()
    clock.advance(seconds=codes.STEP_SECONDS)
    assert counter.qr() != first and counter.qr()[: codes.QR_ID_LENGTH] == first[: codes.QR_ID_LENGTH]


def test_a_qr_code_is_accepted_in_its_time_step_and_the_next_then_refused_as_expired(counter, clock):
    shown = counter.qr()
    clock.advance(seconds=codes.seconds_left())  # the next step: the one shown is the previous one now
    assert lookup_for_merchant(shown, counter.merchant, staff=counter.staff).offers

    clock.advance(seconds=codes.STEP_SECONDS)
    with pytest.raises(AppError) as refusal:
        lookup_for_merchant(shown, counter.merchant, staff=counter.staff)
    assert str(refusal.value.message) == (
        "This QR code has expired: it changes every 30 seconds. Ask the resident to show the code on their phone "
        "again."
    )
    with pytest.raises(AppError):
        counter.redeem(code=shown)
    assert not Redemption.objects.exists()
    assert not CodeLookupFailure.objects.exists()  # an expired code is not a guess


def test_a_qr_code_records_once(counter, clock):
    shown = counter.qr()
    counter.redeem(code=shown)
    with pytest.raises(AppError) as refusal:
        counter.redeem(code=shown)
    assert str(refusal.value.message) == (
        "This QR code has just been used. Ask the resident to show the next one: it changes every 30 seconds."
    )
    assert Redemption.objects.count() == 1
    clock.advance(seconds=codes.seconds_left())
    assert counter.redeem(code=counter.qr()).resident == counter.resident


def test_a_typed_code_is_used_once(counter):
    typed = counter.short_code
    counter.redeem(code=typed)
    with pytest.raises(AppError) as refusal:
        counter.redeem(code=typed)
    assert str(refusal.value.message) == (
        "This code has already been used: each typed code is good for one record. Ask for a new one."
    )
    assert Redemption.objects.count() == 1
    assert OneTimeCode.objects.get().used_by == counter.staff


def test_a_typed_code_expires_after_ten_minutes(counter, clock):
    typed = counter.short_code
    clock.advance(minutes=10)
    with pytest.raises(AppError) as refusal:
        counter.redeem(code=typed)
    assert str(refusal.value.message) == (
        "This code has expired: a typed code is valid for 10 minutes. Ask the resident for a new one."
    )
    assert not Redemption.objects.exists()


def test_a_new_typed_code_ends_the_one_before(counter):
    first = counter.short_code
    second = counter.short_code
    with pytest.raises(AppError):
        counter.redeem(code=first)
    assert counter.redeem(code=second).resident == counter.resident


def test_typed_codes_are_issued_only_to_the_holder_and_a_few_an_hour(counter):
    with pytest.raises(NotPermitted):
        issue_typed_code(counter.staff)
    for _ in range(codes.TYPED_CODES_PER_HOUR):
        issue_typed_code(counter.resident)
    with pytest.raises(AppError) as refusal:
        issue_typed_code(counter.resident)
    assert "in the last hour" in str(refusal.value.message)


def test_a_counter_pass_carries_the_check_to_the_redemption_and_nothing_readable(counter, clock):
    shown = counter.qr()
    lookup = lookup_for_merchant(shown, counter.merchant, staff=counter.staff)
    clock.advance(minutes=2)  # the QR code itself has expired; the pass of its check has not
    assert counter.redeem(code=lookup.counter_pass).resident == counter.resident
    for private in (str(counter.code.pk), str(counter.resident.pk), counter.resident.username):
        assert f'"{private}"' not in lookup.counter_pass and f":{private}," not in lookup.counter_pass
    with pytest.raises(AppError):
        counter.redeem(code=lookup.counter_pass)  # its QR time step is spent
    other = OrganizationFactory()
    with pytest.raises(AppError):
        lookup_for_merchant(lookup.counter_pass, other, staff=other.owner)


def test_a_printed_card_is_issued_by_an_administrator_and_every_use_is_logged(counter, people):
    with pytest.raises(NotPermitted):
        issue_benefit_card(counter.resident, people.reviewer)
    lookup_for_merchant(counter.card, counter.merchant, staff=counter.staff, location=counter.outlet)
    counter.redeem()
    card = BenefitCard.objects.get(resident=counter.resident)
    assert list(card.uses.order_by("pk").values_list("purpose", "staff", "location")) == [
        ("lookup", counter.staff.pk, counter.outlet.pk),
        ("redemption", counter.staff.pk, counter.outlet.pk),
    ]

    revoke_benefit_card(card, people.administrator, "居民报失")
    with pytest.raises(AppError) as refusal:
        counter.redeem()
    assert str(refusal.value.message) == (
        "This card has been withdrawn by the bureau. The resident can ask the bureau for a new one."
    )
    assert Redemption.objects.count() == 1


def test_a_card_is_found_by_the_residents_id_number(clock, people):
    resident = UserFactory(role=Role.RESIDENT)
    identity = applicant()
    application = apply_for_eligibility(
        resident, group("registered-unemployed"), proofs=[pdf_proof()], **identity
    )
    verify_eligibility(application, people.reviewer)
    assert resident_by_id_number(identity["id_number"].lower()) == resident
    card, number = issue_benefit_card(resident_by_id_number(identity["id_number"]), people.administrator)
    assert len(number) == codes.CARD_NUMBER_LENGTH and card.number_end == number[-4:]
    assert active_benefit_code(resident) is not None
    with pytest.raises(AppError):
        issue_benefit_card(resident_by_id_number(id_number()), people.administrator)


def test_a_lookup_names_only_the_merchants_usable_offers_and_a_handle(counter):
    # One offer of this merchant for another group, one of another merchant for the holder's group.
    OfferFactory(organization=counter.merchant, locations=[counter.outlet], groups=[group("disability")])
    OfferFactory(groups=[group("registered-unemployed")])

    lookup = lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff)

    assert [offer.offer_id for offer in lookup.offers] == [counter.offer.pk]
    assert {field.name for field in dataclasses.fields(lookup)} == {"holder", "offers", "counter_pass"}
    assert {field.name for field in dataclasses.fields(lookup.offers[0])} == {
        "offer_id",
        "name",
        "kind",
        "amount",
        "maximum_discount",
        "minimum_spend",
        "uses_left",
    }
    resident = counter.resident
    told = repr(lookup)
    for private in (resident.username, resident.display_name, resident.email, "registered-unemployed", "Registered"):
        assert private not in told
    assert lookup.holder not in {str(resident.pk), counter.card, codes.qr_id(counter.code)}


def test_the_handle_differs_between_merchants_so_they_cannot_link_a_holder(counter):
    other = OrganizationFactory()
    outlet = LocationFactory(organization=other)
    OfferFactory(organization=other, groups=[group("registered-unemployed")], locations=[outlet])

    here = lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff)
    there = lookup_for_merchant(counter.short_code, other, staff=other.owner)
    again = lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff)

    assert here.holder == again.holder != there.holder


def test_a_used_up_offer_is_not_listed(counter):
    counter.offer.per_person_quota = 1
    counter.offer.save()
    counter.redeem()
    assert lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff).offers == []


def test_a_merchant_cannot_look_up_codes_for_another_merchant(counter):
    with pytest.raises(NotPermitted):
        lookup_for_merchant(counter.short_code, counter.merchant, staff=OrganizationFactory().owner)


def test_code_entry_pauses_after_ten_wrong_codes_and_resumes_after_ten_minutes(counter, clock):
    for attempt in range(codes.MAXIMUM_FAILURES):
        with pytest.raises(AppError):
            lookup_for_merchant(f"AAAAA{attempt:05d}", counter.merchant, staff=counter.staff)

    with pytest.raises(TooManyAttempts) as refusal:
        lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff)
    assert str(refusal.value.message) == ("Too many wrong codes were entered. Code entry is paused for 10 minutes.")
    with pytest.raises(TooManyAttempts):
        counter.redeem(idempotency_key=new_key())

    clock.advance(minutes=10, seconds=1)
    assert lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff).offers


def test_the_pause_also_holds_for_another_account_from_the_same_address(counter):
    for attempt in range(codes.MAXIMUM_FAILURES):
        with pytest.raises(AppError):
            lookup_for_merchant(f"BBBBB{attempt:05d}", counter.merchant, staff=counter.staff, ip_address="203.0.113.9")
    other = OrganizationFactory()
    with pytest.raises(TooManyAttempts):
        lookup_for_merchant(counter.short_code, other, staff=other.owner, ip_address="203.0.113.9")
    assert lookup_for_merchant(counter.short_code, other, staff=other.owner, ip_address="198.51.100.1")


def test_old_failures_are_forgotten_by_the_daily_job(counter, clock):
    with pytest.raises(AppError):
        lookup_for_merchant("WRONGWRONG", counter.merchant, staff=counter.staff)
    clock.advance(days=91)
    assert codes.forget_old_failures() == 1
    assert not CodeLookupFailure.objects.exists()


def test_a_lost_code_is_revoked_by_its_holder_and_a_new_one_issued(counter):
    old_qr = counter.qr()
    revoke_benefit_code(counter.code, counter.resident)
    assert active_benefit_code(counter.resident) is None
    new_code = issue_benefit_code(counter.resident)
    assert active_benefit_code(counter.resident) == new_code
    assert codes.qr_id(new_code) != codes.qr_id(counter.code)
    with pytest.raises(AppError):
        counter.redeem(code=old_qr)


def test_another_resident_cannot_revoke_a_code(counter):
    with pytest.raises(NotPermitted):
        revoke_benefit_code(counter.code, UserFactory())
    counter.code.refresh_from_db()
    assert counter.code.is_active


def test_lookup_when_eligibility_has_ended_lists_nothing(counter, clock):
    clock.set(counter.resident.eligibilities.get().valid_until + datetime.timedelta(days=1))
    assert lookup_for_merchant(counter.card, counter.merchant, staff=counter.staff).offers == []
