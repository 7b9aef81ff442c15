"""The bureau's marketplace screens in the Wagtail admin: read-only for staff who may read the ledger, refused to
merchants; the refund act; the subsidy claim paid by Stripe transfer (stripe-mock); reconciliation."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from market import clock_source
from market.accounts.roles import Role
from market.commerce.models import Order, Payment, PaymentAccount, Refund, RefundReason, SubsidyTransfer
from market.commerce.services import checkout, orders
from market.discounts import claims
from market.discounts.models import SubsidyClaimState
from tests.commerce.conftest import new_key, session_object
from tests.commerce.factories import PaymentAccountFactory
from tests.discounts.conftest import claim, people  # noqa: F401 (fixtures)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCREENS = [
    "commerce_orders:index",
    "commerce_payments:index",
    "commerce_refunds:index",
    "commerce_stripe_events:index",
    "commerce_payment_accounts:index",
    "commerce_subsidy_transfers:index",
    "commerce_reconciliation:index",
]


def admin_client(user, language="en") -> Client:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message.message).strip() for message in get_messages(response.wsgi_request)]


def counter_order(shop) -> Order:
    return orders.place_order(shop.resident, shop.washing, shop.outlet, quantity=2, idempotency_key=new_key())


def paid_order(shop, client) -> Order:
    order = counter_order(shop)
    payment = checkout.start_checkout(
        order, shop.resident, success_url="https://linli.example/ok", cancel_url="https://linli.example/no"
    )
    shop.post_event(client, "checkout.session.completed", session_object(payment))
    order.refresh_from_db()
    return order


@pytest.mark.parametrize("language, heading", [("zh-hans", "订单"), ("en", "Orders")])
def test_staff_see_every_screen_in_both_languages(shop, bureau, settings, language, heading):
    settings.STRIPE_SECRET_KEY = ""
    order = counter_order(shop)
    staff = admin_client(bureau, language)

    for name in SCREENS:
        response = staff.get(reverse(name))
        assert response.status_code == 200, name
    page = staff.get(reverse("commerce_orders:index")).content.decode()
    assert heading in page
    assert order.number in page
    detail = staff.get(reverse("commerce_orders:inspect", args=[order.pk]))
    assert detail.status_code == 200
    assert order.number in detail.content.decode()
    account = staff.get(reverse("commerce_payment_accounts:inspect", args=[shop.merchant.payment_account.pk]))
    assert account.status_code == 200
    filtered = staff.get(reverse("commerce_orders:index"), {"state": Order.S.COMPLETED, "payment_method": "counter"})
    assert order.number not in filtered.content.decode()


def test_a_merchant_is_refused_the_screens(shop):
    merchant = admin_client(shop.merchant.owner)

    for name in SCREENS:
        response = merchant.get(reverse(name))
        assert response.status_code in (302, 403), name


@pytest.mark.requires_service("stripe")
def test_a_webhook_event_shows_its_payload(shop, bureau, stripe_on, client):
    paid_order(shop, client)
    from market.commerce.models import WebhookEvent

    event = WebhookEvent.objects.get()
    page = admin_client(bureau).get(reverse("commerce_stripe_events:inspect", args=[event.pk])).content.decode()
    assert event.event_id in page
    assert "checkout.session.completed" in page
    assert "client_reference_id" in page


@pytest.mark.requires_service("stripe")
def test_staff_refund_an_order_with_a_reason(shop, bureau, stripe_on, client, django_capture_on_commit_callbacks):
    order = paid_order(shop, client)
    staff = admin_client(bureau)
    url = reverse("commerce_orders:act", args=[order.pk, "refund"])
    assert "Refund with a reason" in staff.get(reverse("commerce_orders:inspect", args=[order.pk])).content.decode()

    refused = staff.post(url, {"refund-reason": ""})
    assert any("The form is not complete" in message for message in messages_of(refused))
    assert not Refund.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = staff.post(url, {"refund-reason": "商户未上门服务"})

    assert "The refund is requested from Stripe" in " ".join(messages_of(done))
    order.refresh_from_db()
    refund = Refund.objects.get()
    assert order.state == Order.S.REFUNDED
    assert (refund.reason, refund.note, refund.requested_by, refund.state) == (
        RefundReason.STAFF,
        "商户未上门服务",
        bureau,
        "succeeded",
    )
    assert ModelLogEntry.objects.filter(action="commerce.refund_order", object_id=str(order.pk)).exists()


@pytest.mark.requires_service("stripe")
def test_the_merchant_cannot_refund_through_the_admin(shop, stripe_on, client):
    order = paid_order(shop, client)

    admin_client(shop.merchant.owner).post(
        reverse("commerce_orders:act", args=[order.pk, "refund"]), {"refund-reason": "想退"}
    )

    assert not Refund.objects.exists()


@pytest.fixture
def approved_claim(claim, people):  # noqa: F811
    claims.check_claim(claim, people.reviewer)
    claims.approve_claim(claim, people.approver)
    claim.refresh_from_db()
    return claim


@pytest.mark.requires_service("stripe")
def test_an_approved_claim_is_paid_by_stripe_transfer(approved_claim, people, stripe_on):  # noqa: F811
    approver = admin_client(people.approver)
    page_url = reverse("subsidy_claims:inspect", args=[approved_claim.pk])
    page = approver.get(page_url).content.decode()
    assert "Pay by Stripe transfer" in page
    assert "The merchant has no Stripe account that can receive payouts yet." in page  # shown disabled, with why

    PaymentAccountFactory(organization=approved_claim.organization)
    response = approver.post(reverse("subsidy_claims:act", args=[approved_claim.pk, "pay_claim_by_transfer"]))

    assert "The subsidy is transferred" in " ".join(messages_of(response))
    approved_claim.refresh_from_db()
    transfer = SubsidyTransfer.objects.get()
    assert approved_claim.state == SubsidyClaimState.PAID
    assert transfer.stripe_transfer_id.startswith("tr_")
    assert approved_claim.payment_reference == transfer.stripe_transfer_id
    assert approved_claim.paid_amount == transfer.amount
    report = approver.get(reverse("discount_reports:subsidy")).content.decode()
    assert transfer.stripe_transfer_id in report


@pytest.mark.requires_service("stripe")
def test_a_reviewer_cannot_pay_a_claim(approved_claim, people, stripe_on):  # noqa: F811
    PaymentAccountFactory(organization=approved_claim.organization)

    admin_client(people.reviewer).post(reverse("subsidy_claims:act", args=[approved_claim.pk, "pay_claim_by_transfer"]))

    approved_claim.refresh_from_db()
    assert approved_claim.state == SubsidyClaimState.APPROVED
    assert not SubsidyTransfer.objects.exists()


def test_reconciliation_lists_a_mismatch(shop, bureau, settings):
    settings.STRIPE_SECRET_KEY = ""
    staff = admin_client(bureau)
    assert "No mismatch" in staff.get(reverse("commerce_reconciliation:index")).content.decode()
    order = counter_order(shop)
    Payment.objects.create(
        order=order,
        attempt=1,
        idempotency_key="order-x-attempt-1",
        destination_account="acct_x",
        amount=order.total,
        amount_paid=order.total,  # but no transaction in the ledger
        created_at=clock_source.now(),
    )

    page = staff.get(reverse("commerce_reconciliation:index")).content.decode()

    assert f"order {order.number}" in page
    assert "amount paid differs from the ledger" in page
    assert "Online payment is off on this site" in page


def test_an_editor_does_not_see_the_ledger(shop):
    editor = admin_client(UserFactory(role=Role.EDITOR))

    assert editor.get(reverse("commerce_reconciliation:index")).status_code in (302, 403)
    assert PaymentAccount.objects.exists()
