"""Micro-profit services under the bureau's cap, their sales, and the subsidy claims paid on them."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection

from market.discounts import claims
from market.discounts.models import MicroProfitSale, MicroProfitService, SubsidyClaim, SubsidyClaimLine
from market.discounts.services.micro_profit_services import (
    record_micro_profit_sale,
    reverse_micro_profit_sale,
    save_micro_profit_service,
)
from market.errors import AppError, NotPermitted
from tests.discounts.conftest import WEDNESDAY, new_key
from tests.discounts.factories import MicroProfitServiceFactory, MicroProfitServiceTypeFactory
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
S = SubsidyClaim.S


@pytest.fixture
def laundry(db):
    return CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")


@pytest.fixture
def shirt_washing(laundry):
    return MicroProfitServiceTypeFactory(
        category=laundry,
        name="衬衫洗烫",
        name_en="Shirt washing",
        price_cap=Decimal("8.00"),
        subsidy_per_unit=Decimal("2.00"),
    )


@pytest.fixture
def service(shirt_washing, laundry, clock):
    merchant = OrganizationFactory(categories=[laundry])
    return MicroProfitServiceFactory(organization=merchant, service_type=shirt_washing, price=Decimal("7.50"))


def sell(service, quantity=1, **changes):
    arguments = {
        "service": service,
        "location": LocationFactory(organization=service.organization),
        "quantity": quantity,
        "staff": service.organization.owner,
        "idempotency_key": new_key(),
    }
    return record_micro_profit_sale(**{**arguments, **changes})


def test_a_price_above_the_cap_is_refused(shirt_washing, laundry, clock):
    merchant = OrganizationFactory(categories=[laundry])
    offered = MicroProfitService(organization=merchant, service_type=shirt_washing, name="衬衫洗烫", price="8.01")
    with pytest.raises(AppError) as refusal:
        save_micro_profit_service(offered, merchant.owner)
    assert str(refusal.value.message) == (
        "The price ¥8.01 is above the cap of ¥8.00 that the bureau set for Shirt washing."
    )
    assert not MicroProfitService.objects.exists()

    offered.price = "8.00"
    save_micro_profit_service(offered, merchant.owner)
    assert MicroProfitService.objects.get().price == Decimal("8.00")


def test_a_merchant_outside_the_category_cannot_list_the_service(shirt_washing, clock):
    merchant = OrganizationFactory()
    with pytest.raises(AppError):
        save_micro_profit_service(
            MicroProfitService(organization=merchant, service_type=shirt_washing, name="洗衣", price="5"),
            merchant.owner,
        )
    assert not MicroProfitService.objects.exists()


def test_residents_pay_the_capped_price_after_the_bureau_lowers_the_cap(service, shirt_washing):
    shirt_washing.price_cap = Decimal("6.00")
    shirt_washing.save()
    service.refresh_from_db()

    assert service.resident_price == Decimal("6.00")
    sale = sell(service, quantity=3)
    assert (sale.unit_price, sale.amount_paid, sale.subsidy_amount) == (
        Decimal("6.00"),
        Decimal("18.00"),
        Decimal("6.00"),
    )


def test_another_merchant_cannot_record_a_sale(service):
    with pytest.raises(NotPermitted):
        sell(service, staff=OrganizationFactory().owner)
    assert not MicroProfitSale.objects.exists()


def test_a_sale_is_recorded_once_per_idempotency_key(service):
    key = new_key()
    outlet = LocationFactory(organization=service.organization)
    first = sell(service, idempotency_key=key, location=outlet)
    assert sell(service, quantity=5, idempotency_key=key, location=outlet).pk == first.pk
    assert MicroProfitSale.objects.count() == 1


def claim_march(service, clock):
    clock.set(datetime.date(2026, 4, 1))
    return claims.submit_claim(
        service.organization, service.organization.owner, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    )


def test_a_claim_lists_each_sale_and_its_correction_and_reconciles_when_paid(service, clock, people):
    first = sell(service, quantity=2)
    sell(service, quantity=3)
    reverse_micro_profit_sale(first, service.organization.owner, "顾客取消", new_key())

    claim = claim_march(service, clock)
    assert claim.lines.count() == 3
    assert claim.total_subsidy == Decimal("6.00")  # (2 + 3 - 2) × ¥2

    claims.approve_claim(claim, people.approver)
    with pytest.raises(AppError) as refusal:
        claims.record_claim_payment(claim, people.approver, "10.00", "BANK-2026-0401")
    assert str(refusal.value.message) == "The amount paid must equal the subsidy on the claim's records, ¥6.00."
    claims.record_claim_payment(claim, people.approver, "6.00", "BANK-2026-0401")

    claim.refresh_from_db()
    reconciliation = claims.reconcile(claim)
    assert claim.state == S.PAID
    assert reconciliation.balanced
    assert reconciliation.records_total == reconciliation.paid_total == Decimal("6.00")


def test_a_record_is_claimed_once(service, clock):
    sell(service)
    claim = claim_march(service, clock)

    with pytest.raises(AppError) as refusal:
        claims.submit_claim(
            service.organization, service.organization.owner, datetime.date(2026, 3, 10), datetime.date(2026, 3, 20)
        )
    assert str(refusal.value.message) == "There are no unclaimed micro-profit sales in this period."
    with pytest.raises(IntegrityError):
        SubsidyClaimLine.objects.create(claim=claim, sale=MicroProfitSale.objects.get(), subsidy_amount=Decimal("2.00"))


def test_a_rejected_claim_states_its_reasons_and_releases_its_sales(service, clock, people):
    sell(service)
    claim = claim_march(service, clock)
    with pytest.raises(AppError):
        claims.reject_claim(claim, people.approver, " ")

    claims.reject_claim(claim, people.approver, "缺少销售凭证")

    claim.refresh_from_db()
    assert claim.state == S.REJECTED and claim.decision_reasons == "缺少销售凭证"
    assert claim_march(service, clock).lines.count() == 1


def test_only_approvers_decide_claims_and_only_the_merchant_claims(service, clock, people):
    sell(service)
    with pytest.raises(NotPermitted):
        claims.submit_claim(
            service.organization, OrganizationFactory().owner, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
        )
    claim = claim_march(service, clock)
    for someone in (people.reviewer, service.organization.owner):
        with pytest.raises(NotPermitted):
            claims.approve_claim(claim, someone)
    claim.refresh_from_db()
    assert claim.state == S.SUBMITTED


def test_a_period_not_yet_ended_cannot_be_claimed(service, clock):
    sell(service)
    with pytest.raises(AppError):
        claims.submit_claim(service.organization, service.organization.owner, WEDNESDAY, WEDNESDAY)
    assert not SubsidyClaim.objects.exists()


def test_a_tampered_record_breaks_the_reconciliation(service, clock):
    sell(service, quantity=2)
    claim = claim_march(service, clock)
    # Only raw SQL could do this (the records refuse updates); reconcile must notice it.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {MicroProfitSale._meta.db_table} SET quantity = 5")
    assert not claims.reconcile(claim).balanced


def test_the_unit_of_a_service_reads_in_the_language_of_the_page(client, service, shirt_washing):
    shirt_washing.unit, shirt_washing.unit_en = "件", "shirt"
    shirt_washing.save()
    client.force_login(service.organization.owner)

    english = client.get("/en/benefits/merchant/services/").content.decode()
    chinese = client.get("/benefits/merchant/services/").content.decode()

    assert "/ shirt" in english and "/ 件" not in english
    assert "/ 件" in chinese
