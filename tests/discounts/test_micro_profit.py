"""Micro-profit services under the bureau's cap, their sales, and the subsidy claims paid on them."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection

from market.accounts.roles import Role
from market.discounts import claims
from market.discounts.models import (
    MicroProfitSale,
    MicroProfitService,
    SaleFlag,
    SaleFlagState,
    SubsidyClaim,
    SubsidyClaimLine,
)
from market.discounts.services.micro_profit_services import (
    record_micro_profit_sale,
    reverse_micro_profit_sale,
    save_micro_profit_service,
)
from market.discounts.services.sale_flags import clear_sale_flag, reject_sale_flag
from market.errors import AppError, NotPermitted
from tests.discounts.conftest import WEDNESDAY, card_number, eligible_resident, new_key
from tests.discounts.factories import MicroProfitServiceFactory, MicroProfitServiceTypeFactory
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory

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


@pytest.fixture
def buyer(clock):
    """An eligible resident's printed card: a code the tests can show again and again."""
    return card_number(eligible_resident())


def sell(service, quantity=1, **changes):
    arguments = {
        "service": service,
        "location": LocationFactory(organization=service.organization),
        "quantity": quantity,
        "code": changes.pop("code", None) or card_number(eligible_resident()),
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

    claims.check_claim(claim, people.reviewer)
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
    claims.check_claim(claim, people.reviewer)
    for someone in (people.reviewer, service.organization.owner):
        with pytest.raises(AppError):
            claims.approve_claim(claim, someone)
    claim.refresh_from_db()
    assert claim.state == S.CHECKED


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


# ---------------------------------------------------------------- sales tied to a resident and a plausible volume


def test_a_sale_without_a_code_is_refused_and_nothing_is_recorded(service):
    outlet = LocationFactory(organization=service.organization)
    for missing in ("", "   ", None):
        with pytest.raises(AppError) as refusal:
            record_micro_profit_sale(
                service=service,
                location=outlet,
                quantity=1,
                code=missing,
                staff=service.organization.owner,
                idempotency_key=new_key(),
            )
        assert str(refusal.value.message) == (
            "Enter or scan the resident's benefit code: every micro-profit sale names the resident it was sold to."
        )
    with pytest.raises(AppError) as refusal:
        sell(service, code="WRONGWRONG")
    assert str(refusal.value.message).startswith("This code is not valid.")
    assert not MicroProfitSale.objects.exists()


def test_a_sale_names_the_resident_and_the_code_shown(service, clock):
    resident = eligible_resident()
    sale = sell(service, quantity=2, code=card_number(resident))
    assert (sale.resident, sale.benefit_code.resident, sale.code_kind) == (resident, resident, "card")
    assert sale.benefit_code.uses.filter(purpose="sale").count() == 1


def test_a_holder_who_is_not_eligible_today_is_refused(service, clock, buyer):
    clock.set(WEDNESDAY + datetime.timedelta(days=400))
    with pytest.raises(AppError) as refusal:
        sell(service, code=buyer)
    assert str(refusal.value.message) == "The code's holder is not eligible today."
    assert not MicroProfitSale.objects.exists()


def test_the_per_sale_limit_of_the_service_type_holds(service, shirt_washing, buyer):
    shirt_washing.max_units_per_sale, shirt_washing.max_units_per_resident_per_day = 4, 8
    shirt_washing.save()
    service.refresh_from_db()
    with pytest.raises(AppError) as refusal:
        sell(service, quantity=5, code=buyer)
    assert str(refusal.value.message) == "At most 4 次 of Shirt washing can be recorded in one sale."
    assert not MicroProfitSale.objects.exists()
    assert sell(service, quantity=4, code=buyer).quantity == 4


def test_the_per_resident_daily_limit_holds_across_merchants_and_resets_the_next_day(
    service, shirt_washing, laundry, buyer, clock
):
    shirt_washing.max_units_per_sale, shirt_washing.max_units_per_resident_per_day = 4, 6
    shirt_washing.save()
    service.refresh_from_db()
    elsewhere = MicroProfitServiceFactory(
        organization=OrganizationFactory(categories=[laundry]), service_type=shirt_washing, price=Decimal("7.00")
    )
    sell(service, quantity=4, code=buyer)
    with pytest.raises(AppError) as refusal:
        sell(elsewhere, quantity=3, code=buyer)
    assert str(refusal.value.message) == (
        "This sale would take the code's holder beyond the limit of 6 次 of Shirt washing a day; 2 more can be sold "
        "to them today."
    )
    assert MicroProfitSale.objects.count() == 1
    sell(elsewhere, quantity=2, code=buyer)
    clock.advance(days=1)
    assert sell(elsewhere, quantity=4, code=buyer).quantity == 4


def test_the_five_thousand_unit_sale_of_the_finding_is_refused(service, buyer):
    with pytest.raises(AppError):
        sell(service, quantity=5000, code=buyer)
    assert not MicroProfitSale.objects.exists()


def test_a_day_far_above_the_outlets_usual_volume_is_flagged_and_held_out_of_the_claim(
    service, shirt_washing, clock, people
):
    shirt_washing.max_units_per_sale, shirt_washing.review_above_daily_units = 10, 12
    shirt_washing.save()
    service.refresh_from_db()
    outlet = LocationFactory(organization=service.organization)
    # A usual day at this outlet: 4 shirts, on each of the five days before.
    for days_before in range(5, 0, -1):
        clock.set(WEDNESDAY - datetime.timedelta(days=days_before))
        sell(service, quantity=4, location=outlet)
    clock.set(WEDNESDAY)
    usual = [sell(service, quantity=q, location=outlet) for q in (6, 6)]  # 12 in the day: at the limit, not above
    big = sell(service, quantity=10, location=outlet)  # 22 > max(3 × 4, 12)
    later = sell(service, quantity=1, location=outlet)  # the rest of that day is held too

    assert not any(SaleFlag.objects.filter(sale=sale).exists() for sale in usual)
    flag = SaleFlag.objects.get(sale=big)
    assert (flag.units_that_day, flag.usual_daily_units, flag.threshold, flag.state) == (
        22,
        Decimal("4.0"),
        12,
        SaleFlagState.OPEN,
    )
    assert SaleFlag.objects.filter(sale=later).exists()

    claim = claim_march(service, clock)
    claimed = set(claim.lines.values_list("sale", flat=True))
    assert big.pk not in claimed and later.pk not in claimed and {sale.pk for sale in usual} <= claimed
    assert set(claims.held_sales(*march(service))) == {big, later}

    with pytest.raises(NotPermitted):
        clear_sale_flag(flag, service.organization.owner, "活动日")
    with pytest.raises(AppError):
        clear_sale_flag(flag, people.reviewer, " ")
    clear_sale_flag(flag, people.reviewer, "社区洗衣日活动，已电话核实")
    reject_sale_flag(SaleFlag.objects.get(sale=later), people.reviewer, "无法核实")

    organization, start, end = march(service)
    second = claims.submit_claim(organization, organization.owner, start, end)
    assert list(second.lines.values_list("sale", flat=True)) == [big.pk]
    with pytest.raises(AppError) as refusal:
        claims.submit_claim(organization, organization.owner, start, end)
    assert str(refusal.value.message) == "Every unclaimed sale of this period is held for the bureau's check."


def test_the_correction_of_a_held_sale_is_held_with_it(service, shirt_washing, clock):
    shirt_washing.review_above_daily_units = 2
    shirt_washing.save()
    service.refresh_from_db()
    outlet = LocationFactory(organization=service.organization)
    held = sell(service, quantity=3, location=outlet)
    reverse_micro_profit_sale(held, service.organization.owner, "录错", new_key())
    clock.set(datetime.date(2026, 4, 1))
    assert not claims.unclaimed_sales(*march(service)).exists()
    assert claims.held_sales(*march(service)).count() == 2


def test_a_claim_cannot_be_approved_by_whoever_checked_it(service, clock, people):
    sell(service, quantity=2)
    claim = claim_march(service, clock)
    both = UserFactory(role=Role.REVIEWER)
    both.groups.add(Group.objects.get(name=Role.APPROVER.value))
    with pytest.raises(AppError) as refusal:
        claims.approve_claim(claim, both)
    assert str(refusal.value.message) == "A reviewer checks the claim before it is approved."

    claims.check_claim(claim, both)
    for act in (
        lambda: claims.approve_claim(claim, both),
        lambda: claims.reject_claim(claim, both, "重复"),
    ):
        with pytest.raises(AppError) as refusal:
            act()
        assert str(refusal.value.message) == (
            "You checked this claim: under the four-eyes rule another approver decides it and records its payment."
        )
    claim.refresh_from_db()
    assert (claim.state, claim.decided_by) == (S.CHECKED, None)
    claims.approve_claim(claim, people.approver)
    with pytest.raises(AppError):
        claims.record_claim_payment(claim, both, "4.00", "BANK-1")
    claims.record_claim_payment(claim, people.approver, "4.00", "BANK-1")
    claim.refresh_from_db()
    assert (claim.checked_by, claim.decided_by, claim.paid_by) == (both, people.approver, people.approver)


def test_a_reviewer_may_reject_a_claim_at_the_check(service, clock, people):
    sell(service)
    claim = claim_march(service, clock)
    claims.reject_claim(claim, people.reviewer, "记录不全")
    claim.refresh_from_db()
    assert (claim.state, claim.decided_by) == (S.REJECTED, people.reviewer)


def march(service):
    return service.organization, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
