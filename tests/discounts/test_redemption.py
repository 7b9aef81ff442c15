"""Redeeming an offer at the counter: what is recorded, and every refusal recording nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from market.discounts.models import OfferKind, QuotaPeriod, Redemption
from market.discounts.services.benefit_codes import issue_benefit_code, revoke_benefit_code
from market.discounts.services.eligibility import revoke_eligibility
from market.discounts.services.redemption import redeem, reverse_redemption
from market.errors import AppError, NotPermitted
from market.registry.models import ListingStatus
from tests.discounts.conftest import WEDNESDAY, code_for, eligible_resident, new_key
from tests.discounts.factories import OfferFactory, group
from tests.factories import LocationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

INVALID_CODE = "This code is not valid. Check it with the resident, or ask them to show the QR code."


def refused(counter, message, **changes):
    with pytest.raises(AppError) as refusal:
        counter.redeem(**changes)
    assert str(refusal.value.message) == message
    assert not Redemption.objects.exists()


def test_a_redemption_records_amounts_outlet_staff_and_group(counter):
    redemption = counter.redeem("88.50")

    assert (redemption.amount_before, redemption.saving, redemption.amount_paid) == (
        Decimal("88.50"),
        Decimal("8.85"),
        Decimal("79.65"),
    )
    assert redemption.location == counter.outlet
    assert redemption.staff == counter.staff
    assert redemption.resident == counter.resident
    assert redemption.group.code == "registered-unemployed"


def test_a_percentage_saving_stops_at_the_maximum_discount(counter):
    assert counter.redeem("500").saving == Decimal("20.00")


def test_an_amount_off_never_exceeds_the_bill(counter):
    counter.offer.kind, counter.offer.amount = OfferKind.AMOUNT, Decimal("15")
    counter.offer.save()
    assert counter.redeem("9.90").saving == Decimal("9.90")


def test_the_qr_code_and_a_typed_code_work_like_the_card(counter):
    assert counter.redeem(code=counter.qr()).resident == counter.resident
    assert counter.redeem(code=counter.short_code).resident == counter.resident


def test_expired_eligibility_is_refused(counter, clock):
    clock.set(WEDNESDAY + datetime.timedelta(days=366))
    refused(counter, "The code's holder is not eligible for this offer today.")


def test_revoked_eligibility_is_refused(counter, people):
    eligibility = counter.resident.eligibilities.get()
    revoke_eligibility(eligibility, people.reviewer, "证件已注销")
    refused(counter, "The code's holder is not eligible for this offer today.")


def test_a_revoked_code_is_refused(counter):
    revoke_benefit_code(counter.code, counter.resident)
    refused(counter, INVALID_CODE)


def test_a_reissued_code_replaces_the_old_one(counter):
    old_short_code, old_qr = counter.short_code, counter.qr()
    counter.code = issue_benefit_code(counter.resident)

    refused(counter, INVALID_CODE, code=old_short_code)
    refused(counter, INVALID_CODE, code=old_qr)
    assert counter.redeem(code=counter.qr()).resident == counter.resident


def test_an_offer_for_another_group_is_refused(counter):
    counter.offer.groups.set([group("minimum-living-allowance")])
    refused(counter, "The code's holder is not eligible for this offer today.")


def test_an_offer_outside_its_dates_is_refused(counter):
    counter.offer.valid_to = WEDNESDAY - datetime.timedelta(days=1)
    counter.offer.valid_from = WEDNESDAY - datetime.timedelta(days=30)
    counter.offer.save()
    refused(counter, "This offer is not available today.")


def test_an_offer_of_a_suspended_merchant_is_refused(counter):
    counter.merchant.listing_status = ListingStatus.SUSPENDED
    counter.merchant.save()
    refused(counter, "This offer is not available today.")


def test_an_outlet_the_offer_does_not_name_is_refused(counter):
    other_outlet = LocationFactory(organization=counter.merchant)
    refused(counter, "This offer does not apply at this outlet.", location=other_outlet)


def test_a_spend_below_the_minimum_is_refused(counter):
    counter.offer.minimum_spend = Decimal("50")
    counter.offer.save()
    refused(counter, "This offer needs a spend of at least ¥50.00.", amount="49.99")


def test_another_merchant_cannot_redeem_the_offer(counter):
    other = OrganizationFactory()
    with pytest.raises(NotPermitted) as refusal:
        counter.redeem(staff=other.owner)
    assert str(refusal.value.message) == "Only the offer's own merchant can redeem it."
    assert not Redemption.objects.exists()


def test_a_merchant_cannot_redeem_its_offer_at_another_merchants_outlet(counter):
    with pytest.raises(NotPermitted):
        counter.redeem(location=LocationFactory())
    assert not Redemption.objects.exists()


def test_a_resident_cannot_redeem_at_the_counter(counter):
    with pytest.raises(NotPermitted):
        counter.redeem(staff=counter.resident)


def test_the_per_person_quota_holds_for_its_period_and_opens_again_after_it(counter, clock):
    counter.offer.per_person_quota, counter.offer.quota_period = 2, QuotaPeriod.WEEK
    counter.offer.save()
    counter.redeem()
    clock.set(WEDNESDAY + datetime.timedelta(days=4))  # Sunday, the same week
    counter.redeem()

    with pytest.raises(AppError) as refusal:
        counter.redeem()
    assert str(refusal.value.message) == "The code's holder has already used this offer as often as it allows per week."
    assert Redemption.objects.count() == 2

    other_resident = eligible_resident()
    assert redeem(
        code=code_for(other_resident),
        offer=counter.offer,
        location=counter.outlet,
        amount_before="10",
        staff=counter.staff,
        idempotency_key=new_key(),
    ).resident == other_resident

    clock.set(WEDNESDAY + datetime.timedelta(days=5))  # Monday: a new week
    counter.redeem()
    assert Redemption.objects.filter(resident=counter.resident).count() == 3


def test_the_total_quota_is_shared_by_everyone(counter):
    counter.offer.total_quota = 1
    counter.offer.save()
    counter.redeem()
    other_resident = eligible_resident()
    with pytest.raises(AppError) as refusal:
        counter.redeem(code=code_for(other_resident))
    assert str(refusal.value.message) == "This offer has been used up."
    assert Redemption.objects.count() == 1


def test_the_same_idempotency_key_returns_the_first_redemption(counter):
    key = new_key()
    first = counter.redeem(idempotency_key=key)
    again = counter.redeem(idempotency_key=key, amount="999")

    assert again.pk == first.pk
    assert Redemption.objects.count() == 1


def test_an_idempotency_key_cannot_be_reused_for_another_offer(counter):
    key = new_key()
    counter.redeem(idempotency_key=key)
    other_offer = OfferFactory(
        organization=counter.merchant, locations=[counter.outlet], groups=[group("registered-unemployed")]
    )
    with pytest.raises(AppError):
        counter.redeem(idempotency_key=key, offer=other_offer)
    assert Redemption.objects.count() == 1


def test_a_reversal_negates_the_amounts_and_frees_the_quota(counter):
    counter.offer.total_quota = 1
    counter.offer.save()
    original = counter.redeem("60")

    reversal = reverse_redemption(original, counter.staff, "收银员输错金额", new_key())

    assert (reversal.amount_before, reversal.saving, reversal.amount_paid) == (
        Decimal("-60.00"),
        Decimal("-6.00"),
        Decimal("-54.00"),
    )
    assert reversal.reverses == original
    original.refresh_from_db()
    assert original.saving == Decimal("6.00")  # never edited
    assert counter.redeem("80").saving == Decimal("8.00")


def test_a_redemption_is_reversed_once_and_only_with_a_reason(counter):
    original = counter.redeem()
    with pytest.raises(AppError):
        reverse_redemption(original, counter.staff, " ", new_key())
    reverse_redemption(original, counter.staff, "重复录入", new_key())
    with pytest.raises(AppError) as refusal:
        reverse_redemption(original, counter.staff, "重复录入", new_key())
    assert str(refusal.value.message) == "This redemption has already been reversed."
    assert Redemption.objects.count() == 2


def test_another_merchant_cannot_reverse_a_redemption(counter):
    original = counter.redeem()
    with pytest.raises(NotPermitted):
        reverse_redemption(original, OrganizationFactory().owner, "试图撤销", new_key())
    assert Redemption.objects.count() == 1


def test_redemptions_cannot_be_edited_or_deleted(counter):
    redemption = counter.redeem()
    redemption.saving = Decimal("0")
    with pytest.raises(ValidationError):
        redemption.save()
    with pytest.raises(ValidationError):
        redemption.delete()
    with pytest.raises(ValidationError):
        Redemption.objects.filter(pk=redemption.pk).update(saving=0)
    with pytest.raises(ValidationError):
        Redemption.objects.all().delete()
