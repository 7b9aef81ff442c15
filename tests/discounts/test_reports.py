"""The report queries: savings by group, district and month, per merchant, subsidies, and unusual patterns."""

import datetime
from decimal import Decimal

import pytest

from market.discounts import claims, reports
from market.discounts.services import redemption
from market.discounts.services.micro_profit_services import record_micro_profit_sale
from market.discounts.services.redemption import reverse_redemption
from market.errors import NotPermitted
from tests.discounts.conftest import WEDNESDAY, code_for, eligible_resident, new_key
from tests.discounts.factories import (
    MicroProfitServiceFactory,
    MicroProfitServiceTypeFactory,
    OfferFactory,
    group,
)
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def code_of(resident):
    return code_for(resident)


def redeem(offer, outlet, resident, amount="100"):
    return redemption.redeem(
        code=code_of(resident),
        offer=offer,
        location=outlet,
        amount_before=amount,
        staff=offer.organization.owner,
        idempotency_key=new_key(),
    )


def test_savings_by_group_district_and_month_are_net_of_reversals(counter, clock):
    elderly = group("elderly")
    counter.offer.groups.add(elderly)
    older = eligible_resident("elderly")
    counter.redeem("100")  # saves 10 in March
    mistake = redeem(counter.offer, counter.outlet, older, "50")
    reverse_redemption(mistake, counter.staff, "录错", new_key())
    clock.set(datetime.date(2026, 4, 2))
    redeem(counter.offer, counter.outlet, older, "30")  # saves 3 in April

    rows = list(reports.savings(by=["group", "month"]))

    assert [(row["group__code"], row["month"].date(), row["redemptions"], row["saving"]) for row in rows] == [
        ("elderly", datetime.date(2026, 3, 1), 0, Decimal("0")),
        ("elderly", datetime.date(2026, 4, 1), 1, Decimal("3")),
        ("registered-unemployed", datetime.date(2026, 3, 1), 1, Decimal("10")),
    ]
    by_district = list(reports.savings(by=["district"]))
    assert [(row["location__district__code"], row["saving"]) for row in by_district] == [
        (counter.outlet.district.code, Decimal("13"))
    ]


def test_redemptions_per_merchant(counter):
    counter.redeem("100")
    counter.redeem("200")
    [row] = reports.redemptions_per_merchant()
    assert (row["organization_id"], row["redemptions"], row["saving"]) == (counter.merchant.pk, 2, Decimal("30"))


def test_a_resident_reads_their_own_savings_by_month_and_no_one_elses(counter, people):
    counter.redeem("100")
    [month] = reports.resident_savings(counter.resident, counter.resident)
    assert (month["month"].date(), month["saving"]) == (datetime.date(2026, 3, 1), Decimal("10"))
    assert list(reports.resident_savings(counter.resident, people.reviewer)) == [month]

    for stranger in (UserFactory(), counter.staff):
        with pytest.raises(NotPermitted):
            reports.resident_savings(counter.resident, stranger)


def test_a_merchant_sees_its_redemptions_per_offer_and_outlet_and_not_anothers(counter):
    second_outlet = LocationFactory(organization=counter.merchant)
    counter.offer.locations.add(second_outlet)
    counter.redeem("100")
    counter.redeem("100", location=second_outlet)

    rows = reports.merchant_redemption_summary(counter.merchant, counter.staff)
    assert sorted((row["location_id"], row["redemptions"]) for row in rows) == sorted(
        [(counter.outlet.pk, 1), (second_outlet.pk, 1)]
    )
    with pytest.raises(NotPermitted):
        reports.merchant_redemption_summary(counter.merchant, OrganizationFactory().owner)


def test_one_code_at_three_outlets_within_an_hour_is_flagged(counter, clock):
    outlets = [counter.outlet] + [LocationFactory(organization=counter.merchant) for _ in range(2)]
    counter.offer.locations.set(outlets)
    steady = eligible_resident()
    for outlet in outlets:
        counter.redeem(location=outlet)
        clock.advance(minutes=25)
    for outlet in outlets:  # the same three outlets, but hours apart
        redeem(counter.offer, outlet, steady)
        clock.advance(hours=2)

    rows = list(reports.codes_at_many_outlets())

    assert [(row["resident_id"], row["outlets_within"]) for row in rows] == [(counter.resident.pk, 3)]


def test_an_outlet_far_above_its_category_peers_is_flagged(clock):
    laundry = CategoryFactory(code="laundry")
    offers = []
    for _ in range(4):
        merchant = OrganizationFactory(categories=[laundry])
        outlet = LocationFactory(organization=merchant)
        offers.append((OfferFactory(organization=merchant, locations=[outlet], groups=[group("elderly")]), outlet))
    residents = [eligible_resident("elderly") for _ in range(10)]
    for index, (offer, outlet) in enumerate(offers):
        for resident in residents[: 10 if index == 0 else 2]:
            redeem(offer, outlet, resident)

    [row] = reports.outlets_far_above_peers()

    assert (row["location_id"], row["redemptions"], row["category_median"]) == (offers[0][1].pk, 10, 2)


def test_subsidy_claimed_approved_and_paid(clock, people):
    laundry = CategoryFactory(code="laundry")
    merchant = OrganizationFactory(categories=[laundry])
    service = MicroProfitServiceFactory(
        organization=merchant, service_type=MicroProfitServiceTypeFactory(category=laundry)
    )
    record_micro_profit_sale(
        service=service,
        location=LocationFactory(organization=service.organization),
        quantity=4,
        code=code_for(eligible_resident()),
        staff=service.organization.owner,
        idempotency_key=new_key(),
    )
    clock.set(datetime.date(2026, 4, 1))
    claim = claims.submit_claim(service.organization, service.organization.owner, WEDNESDAY, WEDNESDAY)
    claims.check_claim(claim, people.reviewer)
    claims.approve_claim(claim, people.approver)
    claims.record_claim_payment(claim, people.approver, "20.00", "BANK-1")

    [row] = reports.subsidy_claimed_and_paid()
    assert (row["claimed"], row["approved"], row["paid"]) == (Decimal("20"), Decimal("20"), Decimal("20"))


def test_the_subsidy_report_shows_flagged_sales_per_outlet(clock, people):
    laundry = CategoryFactory(code="laundry")
    merchant = OrganizationFactory(categories=[laundry])
    service = MicroProfitServiceFactory(
        organization=merchant,
        service_type=MicroProfitServiceTypeFactory(category=laundry, review_above_daily_units=3),
    )
    busy, quiet = LocationFactory(organization=merchant), LocationFactory(organization=merchant)
    for outlet, quantity in ((busy, 2), (busy, 2), (busy, 1), (quiet, 2)):
        record_micro_profit_sale(
            service=service,
            location=outlet,
            quantity=quantity,
            code=code_for(eligible_resident()),
            staff=merchant.owner,
            idempotency_key=new_key(),
        )

    [row] = reports.flagged_sales_per_outlet()

    assert (row["sale__location_id"], row["flagged"], row["waiting"], row["units"]) == (busy.pk, 2, 2, 3)
