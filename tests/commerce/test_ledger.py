"""Subsidies paid by Stripe transfer from claims on sales of paid orders, and the reconciliation of the ledger
with itself and with Stripe (stripe-mock over HTTP)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from market.accounts.roles import Role
from market.commerce.errors import CommerceError
from market.commerce.models import Payment, SubsidyTransfer, SubsidyTransferState
from market.commerce.services import checkout, orders, subsidies
from market.commerce.services.reconciliation import local_mismatches, stripe_mismatches
from market.discounts import claims
from market.discounts.models import SubsidyClaim
from market.errors import NotPermitted
from tests.clock import WEDNESDAY
from tests.commerce.conftest import new_key, session_object
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.requires_service("stripe")]


def paid_order(shop, client, quantity=3, intent="pi_linli_1"):
    order = orders.place_order(shop.resident, shop.washing, shop.outlet, quantity=quantity, idempotency_key=new_key())
    payment = checkout.start_checkout(order, shop.resident, success_url="https://x/s", cancel_url="https://x/c")
    shop.post_event(client, "checkout.session.completed", session_object(payment, intent=intent))
    order.refresh_from_db()
    return order


@pytest.fixture
def approved_claim(shop, stripe_on, client, clock):
    paid_order(shop, client)
    clock.set(WEDNESDAY + datetime.timedelta(days=1))
    claim = claims.submit_claim(shop.merchant, shop.merchant.owner, WEDNESDAY, WEDNESDAY)
    claims.check_claim(claim, UserFactory(role=Role.REVIEWER))
    approver = UserFactory(role=Role.APPROVER)
    claims.approve_claim(claim, approver)
    claim.refresh_from_db()
    return claim, approver


def test_an_online_micro_profit_sale_is_claimed_and_paid_by_one_transfer(approved_claim):
    claim, approver = approved_claim
    assert claim.total_subsidy == Decimal("6.00")  # three shirts bought online, ¥2 each

    transfer = subsidies.pay_claim_by_transfer(claim, approver)
    again = subsidies.pay_claim_by_transfer(claim, approver)

    assert again.pk == transfer.pk
    assert SubsidyTransfer.objects.count() == 1
    assert transfer.state == SubsidyTransferState.PAID
    assert transfer.stripe_transfer_id.startswith("tr_")
    assert transfer.idempotency_key == f"subsidy-claim-{claim.pk}"
    claim.refresh_from_db()
    assert claim.state == SubsidyClaim.S.PAID
    assert claim.payment_reference == transfer.stripe_transfer_id
    assert claims.reconcile(claim).balanced


def test_no_transfer_without_an_account_that_takes_payouts(approved_claim):
    claim, approver = approved_claim
    account = claim.organization.payment_account
    account.payouts_enabled = False
    account.save()

    assert subsidies.why_no_transfer(claim) == "The merchant has no Stripe account that can receive payouts yet."
    with pytest.raises(CommerceError):
        subsidies.pay_claim_by_transfer(claim, approver)
    assert not SubsidyTransfer.objects.exists()


def test_only_an_approver_transfers(approved_claim):
    claim, _approver = approved_claim

    with pytest.raises(NotPermitted):
        subsidies.pay_claim_by_transfer(claim, claim.organization.owner)
    assert not SubsidyTransfer.objects.exists()


def test_a_consistent_ledger_has_no_local_mismatch(shop, stripe_on, client):
    paid_order(shop, client)

    assert local_mismatches() == []


def test_a_payment_that_disagrees_with_its_transactions_is_listed(shop, stripe_on, client):
    order = paid_order(shop, client)
    Payment.objects.filter(order=order).update(amount_paid=Decimal("99.00"))

    problems = [str(mismatch) for mismatch in local_mismatches()]

    assert any("amount paid differs from the ledger" in problem for problem in problems)


def test_stripe_is_asked_and_a_disagreement_listed(shop, stripe_on, client):
    # stripe-mock answers every session as unpaid, so a payment recorded as paid disagrees with it.
    paid_order(shop, client)

    problems = [str(mismatch) for mismatch in stripe_mismatches(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))]

    assert any("paid in one and not the other" in problem for problem in problems)


def test_the_command_lists_mismatches_and_fails(shop, stripe_on, client, capsys):
    paid_order(shop, client)

    with pytest.raises(SystemExit) as exit_status:
        call_command("reconcile_payments", "--days", "3650")

    assert exit_status.value.code == 1
    assert "paid in one and not the other" in capsys.readouterr().out
