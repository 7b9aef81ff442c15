"""Benefit codes: issued to the eligible, stored as keyed hashes, telling a merchant only which offers apply."""

import dataclasses
import datetime

import pytest

from market.discounts import codes
from market.discounts.errors import TooManyAttempts
from market.discounts.models import BenefitCode, CodeLookupFailure
from market.discounts.services.benefit_codes import active_benefit_code, issue_benefit_code, revoke_benefit_code
from market.discounts.services.code_lookup import lookup_for_merchant
from market.errors import AppError, NotPermitted
from tests.discounts.conftest import new_key
from tests.discounts.factories import OfferFactory, group
from tests.factories import LocationFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_code_is_issued_only_to_a_resident_with_verified_eligibility(clock):
    with pytest.raises(AppError) as refusal:
        issue_benefit_code(UserFactory())
    assert str(refusal.value.message) == "A benefit code is issued once your eligibility has been verified."
    assert not BenefitCode.objects.exists()


def test_only_the_resident_can_have_their_code_issued(counter):
    with pytest.raises(NotPermitted):
        issue_benefit_code(counter.staff)


def test_the_database_holds_neither_the_short_code_nor_the_qr_token(counter):
    stored = BenefitCode.objects.filter(pk=counter.code.pk).values().get()
    short_code, token = codes.short_code(counter.code), codes.qr_token(counter.code)

    assert len(short_code) == 10 and set(short_code) <= set(codes.ALPHABET)
    assert len(token) * 4 >= 128
    assert not any(short_code in str(value) or token in str(value) for value in stored.values())


def test_the_short_code_is_accepted_in_lower_case_with_spaces(counter):
    typed = " ".join(codes.short_code(counter.code).lower())
    assert counter.redeem(code=typed).resident == counter.resident


def test_the_qr_code_is_an_svg_of_the_token(counter):
    svg = codes.qr_svg(counter.code)
    assert svg.startswith("<svg") and "<path" in svg
    assert codes.qr_token(counter.code) not in svg


def test_a_lookup_names_only_the_merchants_usable_offers_and_a_handle(counter):
    # One offer of this merchant for another group, one of another merchant for the holder's group.
    OfferFactory(organization=counter.merchant, locations=[counter.outlet], groups=[group("disability")])
    OfferFactory(groups=[group("registered-unemployed")])

    lookup = lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff)

    assert [offer.offer_id for offer in lookup.offers] == [counter.offer.pk]
    assert {field.name for field in dataclasses.fields(lookup)} == {"holder", "offers"}
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
    assert lookup.holder not in {str(resident.pk), counter.short_code, codes.short_code(counter.code)}


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
    revoke_benefit_code(counter.code, counter.resident)
    assert active_benefit_code(counter.resident) is None
    new_code = issue_benefit_code(counter.resident)
    assert active_benefit_code(counter.resident) == new_code
    assert codes.short_code(new_code) != codes.short_code(counter.code)


def test_another_resident_cannot_revoke_a_code(counter):
    with pytest.raises(NotPermitted):
        revoke_benefit_code(counter.code, UserFactory())
    counter.code.refresh_from_db()
    assert counter.code.is_active


def test_lookup_when_eligibility_has_ended_lists_nothing(counter, clock):
    clock.set(counter.resident.eligibilities.get().valid_until + datetime.timedelta(days=1))
    assert lookup_for_merchant(counter.short_code, counter.merchant, staff=counter.staff).offers == []
