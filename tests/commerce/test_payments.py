"""Paying, refunding and Stripe's events, against stripe-mock over HTTP and the real webhook endpoint with payloads
signed the way Stripe signs them."""

import json
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from market.commerce.models import (
    Order,
    OrderAction,
    Payment,
    PaymentState,
    Refund,
    RefundReason,
    RefundState,
    Transaction,
    TransactionKind,
    WebhookEvent,
)
from market.commerce.services import checkout, orders, payment_accounts, refunds
from market.commerce.services.webhooks import receive
from market.discounts.models import MicroProfitSale, Redemption
from tests.commerce.conftest import charge_object, event, new_key, session_object, sign, tomorrow_at

pytestmark = [pytest.mark.django_db, pytest.mark.requires_service("stripe")]

SUCCESS = "https://linli.example/orders/paid?session={CHECKOUT_SESSION_ID}"
CANCEL = "https://linli.example/orders/cancelled"


def paying(shop, service=None, quantity=3):
    service = service or shop.washing
    details = {"scheduled_for": tomorrow_at()} if service.needs_appointment else {}
    if service.at_home:
        details["address"] = "中山路1号"
    order = orders.place_order(
        shop.resident, service, shop.outlet, quantity=quantity, idempotency_key=new_key(), **details
    )
    payment = checkout.start_checkout(order, shop.resident, success_url=SUCCESS, cancel_url=CANCEL)
    return order, payment


def test_a_checkout_session_is_made_for_the_order_total(shop, stripe_on):
    order, payment = paying(shop)

    assert payment.checkout_session_id.startswith("cs_")
    assert payment.checkout_url.startswith("https://checkout.stripe.com/")
    assert payment.amount == order.total == Decimal("21.60")
    assert payment.destination_account == shop.merchant.payment_account.stripe_account_id
    assert payment.idempotency_key == f"order-{order.pk}-attempt-1"
    order.refresh_from_db()
    assert order.state == Order.S.AWAITING_PAYMENT  # only the webhook says it is paid


def test_clicking_pay_twice_gives_the_same_payment_page(shop, stripe_on):
    order, first = paying(shop)

    again = checkout.start_checkout(order, shop.resident, success_url=SUCCESS, cancel_url=CANCEL)

    assert again.pk == first.pk
    assert Payment.objects.count() == 1


def test_a_merchant_gets_a_stripe_onboarding_link(shop, stripe_on):
    shop.merchant.payment_account.delete()

    url = payment_accounts.onboarding_link(
        shop.merchant, shop.merchant.owner, return_url="https://linli.example/r", refresh_url="https://linli.example/f"
    )

    assert url.startswith("https://")
    account = shop.merchant.__class__.objects.get(pk=shop.merchant.pk).payment_account
    assert account.stripe_account_id.startswith("acct_")
    assert not account.ready  # until Stripe's account.updated says so


def test_the_signed_completed_event_marks_the_order_paid_and_counts_its_benefits(shop, stripe_on, client):
    order, payment = paying(shop)

    response = shop.post_event(client, "checkout.session.completed", session_object(payment))

    assert response.status_code == 200
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.state == Order.S.PLACED
    assert payment.state == PaymentState.PAID
    assert payment.amount_paid == Decimal("21.60")
    assert Transaction.objects.get(kind=TransactionKind.DEBIT).amount == Decimal("21.60")
    assert order.redemption.saving == Decimal("2.40")
    assert order.redemption.resident == shop.resident
    assert order.micro_profit_sale.quantity == 3
    assert order.micro_profit_sale.subsidy_amount == Decimal("6.00")
    assert list(order.events.values_list("action", flat=True)) == [
        OrderAction.PLACED,
        OrderAction.CHECKOUT_STARTED,
        OrderAction.PAID,
    ]


def test_the_same_event_delivered_ten_times_records_one_payment(shop, stripe_on, client):
    order, payment = paying(shop)
    body = json.dumps(event("checkout.session.completed", session_object(payment))).encode()

    answers = [
        client.post(reverse("stripe_webhook"), body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body))
        for _ in range(10)
    ]

    assert [answer.status_code for answer in answers] == [200] * 10
    assert WebhookEvent.objects.count() == 1
    assert Transaction.objects.count() == 1
    assert Redemption.objects.count() == 1
    assert MicroProfitSale.objects.count() == 1
    assert order.events.filter(action=OrderAction.PAID).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.requires_service("postgresql")
def test_two_deliveries_at_once_record_one_payment(shop, stripe_on):
    _order, payment = paying(shop)
    body = json.dumps(event("checkout.session.completed", session_object(payment))).encode()
    start = threading.Barrier(2)
    answers = []

    def deliver():
        start.wait()
        answers.append(
            Client().post(
                reverse("stripe_webhook"), body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
            )
        )
        close_old_connections()

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answer.status_code for answer in answers) == [200, 200]
    assert Transaction.objects.filter(kind=TransactionKind.DEBIT).count() == 1
    assert Redemption.objects.count() == 1


@pytest.mark.parametrize("signature", ["", "t=1,v1=deadbeef", "forged"])
def test_a_forged_or_missing_signature_is_refused_and_nothing_recorded(shop, stripe_on, client, signature):
    order, payment = paying(shop)
    body = json.dumps(event("checkout.session.completed", session_object(payment))).encode()
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature else {}

    response = client.post(reverse("stripe_webhook"), body, content_type="application/json", **headers)

    assert response.status_code == 400
    assert not WebhookEvent.objects.exists()
    order.refresh_from_db()
    assert order.state == Order.S.AWAITING_PAYMENT


def test_a_signature_made_with_another_secret_is_refused(shop, stripe_on, client):
    _order, payment = paying(shop)
    body = json.dumps(event("checkout.session.completed", session_object(payment))).encode()

    response = client.post(
        reverse("stripe_webhook"),
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, secret="whsec_someone_else"),
    )

    assert response.status_code == 400
    assert not Transaction.objects.exists()


def test_an_expired_session_leaves_the_order_unpaid_and_payable_again(shop, stripe_on, client):
    order, payment = paying(shop)

    shop.post_event(client, "checkout.session.expired", session_object(payment, payment_status="unpaid"))

    order.refresh_from_db()
    payment.refresh_from_db()
    assert payment.state == PaymentState.EXPIRED
    assert order.state == Order.S.ABANDONED
    again = checkout.start_checkout(order, shop.resident, success_url=SUCCESS, cancel_url=CANCEL)
    assert again.attempt == 2
    order.refresh_from_db()
    assert order.state == Order.S.AWAITING_PAYMENT


def test_an_expiry_after_payment_changes_nothing(shop, stripe_on, client):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment))

    shop.post_event(client, "checkout.session.expired", session_object(payment, payment_status="unpaid"))

    order.refresh_from_db()
    assert order.state == Order.S.PLACED


def test_a_delayed_payment_is_paid_only_when_it_succeeds(shop, stripe_on, client):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment, payment_status="unpaid"))
    payment.refresh_from_db()
    assert payment.state == PaymentState.PROCESSING

    shop.post_event(client, "checkout.session.async_payment_succeeded", session_object(payment))

    order.refresh_from_db()
    assert order.state == Order.S.PLACED


def test_a_delayed_payment_that_fails_leaves_the_order_unpaid(shop, stripe_on, client):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment, payment_status="unpaid"))

    shop.post_event(client, "checkout.session.async_payment_failed", session_object(payment, payment_status="unpaid"))

    order.refresh_from_db()
    assert order.state == Order.S.ABANDONED
    assert not Transaction.objects.exists()


def test_a_decline_refunds_through_stripe_and_reverses_the_benefits(
    shop, stripe_on, client, django_capture_on_commit_callbacks
):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment))

    with django_capture_on_commit_callbacks(execute=True):
        orders.decline_order(order, shop.merchant.owner, "洗衣机坏了")

    refund = Refund.objects.get()
    assert refund.reason == RefundReason.DECLINED
    assert refund.idempotency_key == f"refund-order-{order.pk}-payment-1"
    assert refund.stripe_refund_id.startswith("re_")
    assert refund.state == RefundState.SUCCEEDED
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.state == PaymentState.REFUNDED
    assert payment.amount_refunded == payment.amount_paid
    assert Redemption.objects.filter(reverses=order.redemption).get().saving == Decimal("-2.40")
    assert MicroProfitSale.objects.filter(reverses=order.micro_profit_sale).get().quantity == -3


def test_the_charge_refunded_event_of_that_refund_records_nothing_more(
    shop, stripe_on, client, django_capture_on_commit_callbacks
):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment))
    with django_capture_on_commit_callbacks(execute=True):
        orders.decline_order(order, shop.merchant.owner, "没有人手")

    shop.post_event(client, "charge.refunded", charge_object(amount=2160, refunded=2160))

    assert Transaction.objects.filter(kind=TransactionKind.REFUND).count() == 1
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("21.60")


def test_a_refund_made_in_stripe_is_recorded_and_the_order_follows(shop, stripe_on, client):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment))

    shop.post_event(client, "charge.refunded", charge_object(amount=2160, refunded=2160, refund_id="re_dashboard"))

    order.refresh_from_db()
    assert order.state == Order.S.REFUNDED
    refund = Refund.objects.get()
    assert (refund.reason, refund.state, refund.amount) == (
        RefundReason.STRIPE,
        RefundState.SUCCEEDED,
        Decimal("21.60"),
    )
    assert Redemption.objects.filter(reverses__isnull=False).count() == 1


def test_a_refund_event_before_the_payment_event_waits_for_it(shop, stripe_on, client):
    order, payment = paying(shop)

    shop.post_event(client, "charge.refunded", charge_object(amount=2160, refunded=2160))
    assert WebhookEvent.objects.get().outcome == "waiting"
    shop.post_event(client, "checkout.session.completed", session_object(payment))

    order.refresh_from_db()
    payment.refresh_from_db()
    assert payment.state == PaymentState.REFUNDED
    assert order.state == Order.S.REFUNDED
    assert set(WebhookEvent.objects.values_list("outcome", flat=True)) == {"processed"}
    assert Transaction.objects.filter(kind=TransactionKind.DEBIT).count() == 1
    assert Transaction.objects.filter(kind=TransactionKind.REFUND).count() == 1


def test_cancelling_in_terms_refunds_and_too_late_is_refused(
    shop, stripe_on, client, clock, django_capture_on_commit_callbacks
):
    # Both appointments are tomorrow at 10: free cancellation until 24 hours before, today at 10.
    early, early_payment = paying(shop, shop.cleaning, quantity=1)
    late, late_payment = paying(shop, shop.cleaning, quantity=1)
    shop.post_event(client, "checkout.session.completed", session_object(early_payment, amount_total=8000))
    shop.post_event(
        client, "checkout.session.completed", session_object(late_payment, amount_total=8000, intent="pi_linli_2")
    )

    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel_order(early, shop.resident, "改期")
    clock.advance(minutes=1)
    # The webhook's requests leave the site's language (Chinese) active; the message is read in English.
    with translation.override("en"), pytest.raises(orders.CommerceError, match="can no longer be cancelled"):
        orders.cancel_order(late, shop.resident)

    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.state, late.state) == (Order.S.CANCELLED, Order.S.PLACED)
    refund = Refund.objects.get()
    assert (refund.payment.order, refund.reason, refund.state) == (early, RefundReason.CANCELLED, RefundState.SUCCEEDED)


def test_staff_refund_with_a_reason(shop, stripe_on, client, bureau):
    order, payment = paying(shop)
    shop.post_event(client, "checkout.session.completed", session_object(payment))

    with pytest.raises(orders.CommerceError, match="reason"):
        refunds.refund_by_staff(order, bureau, " ")
    refunds.refund_by_staff(order, bureau, "商户未上门服务")

    order.refresh_from_db()
    assert order.state == Order.S.REFUNDED
    refund = Refund.objects.get()
    assert (refund.reason, refund.requested_by, refund.note) == (RefundReason.STAFF, bureau, "商户未上门服务")


def test_account_updated_events_apply_in_order(shop, stripe_on):
    account = shop.merchant.payment_account
    newer = event("account.updated", {"id": account.stripe_account_id, "charges_enabled": False}, created=2000)
    older = event(
        "account.updated",
        {"id": account.stripe_account_id, "charges_enabled": True, "details_submitted": True},
        created=1000,
    )

    receive(newer)
    receive(older)

    account.refresh_from_db()
    assert not account.charges_enabled
    assert not payment_accounts.takes_online_payment(shop.merchant)
