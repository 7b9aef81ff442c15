"""Paying an order through a Stripe Checkout Session, the money going to the merchant's connected account.

The payment row (with the idempotency key Stripe will see) is written and committed before Stripe is asked, so a
retry after a timeout asks for the same session, not a second one. The resident's return from Stripe changes
nothing: only the signed webhook events do (`webhooks`).
"""

import contextlib
import datetime

import stripe
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.commerce.errors import CommerceError, PaymentProviderError
from market.commerce.models import Order, OrderAction, Payment, PaymentAccount, PaymentMethod, PaymentState
from market.commerce.services.history import lock, record
from market.commerce.stripe_gateway import is_configured, stripe_client, to_fen
from market.guards import move, require

# Stripe's shortest session life; an unpaid page then expires and the order can be paid again.
SESSION_LIFETIME = datetime.timedelta(minutes=30)


def _attempt_to_use(order: Order, resident) -> Payment:
    """The open attempt a retry continues, else a new one; the order is reopened if its last attempt lapsed."""
    with transaction.atomic():
        locked = lock(order)
        if locked.state == Order.S.ABANDONED:
            before = locked.state
            move(locked, "pay_again", _("This order cannot be paid now."), CommerceError)
            locked.save()
            record(locked, OrderAction.CHECKOUT_STARTED, resident, before)
        if locked.state != Order.S.AWAITING_PAYMENT:
            raise CommerceError(_("This order is not waiting for payment."))
        now = clock_source.now()
        current = locked.payments.filter(state=PaymentState.OPEN).order_by("-attempt").first()
        if current is not None and (current.checkout_session_id is None or now < current.created_at + SESSION_LIFETIME):
            return current
        account = PaymentAccount.objects.filter(organization=locked.organization).first()
        if account is None or not account.ready:
            raise CommerceError(
                _("This merchant cannot take online payment now; the order can be paid at the counter.")
            )
        attempt = (locked.payments.order_by("-attempt").values_list("attempt", flat=True).first() or 0) + 1
        return Payment.objects.create(
            order=locked,
            attempt=attempt,
            idempotency_key=f"order-{locked.pk}-attempt-{attempt}",
            destination_account=account.stripe_account_id,
            amount=locked.total,
            created_at=now,
        )


def start_checkout(order: Order, resident, *, success_url: str, cancel_url: str) -> Payment:
    """A Checkout Session for the order's total, or the open one a repeated click already made. `success_url`
    may contain Stripe's `{CHECKOUT_SESSION_ID}`."""
    require(resident, "commerce.pay_order", order)
    if order.payment_method != PaymentMethod.ONLINE or not is_configured():
        raise CommerceError(_("This order is paid at the counter."))
    if order.total <= 0:
        raise CommerceError(_("Nothing is left to pay on this order."))
    payment = _attempt_to_use(order, resident)
    if payment.checkout_session_id:
        return payment
    order = payment.order
    payment_intent_data = {
        "transfer_data": {"destination": payment.destination_account},
        "metadata": {"order": order.number, "attempt": str(payment.attempt)},
        "description": f"{order.service.name} × {order.quantity}",
    }
    if order.platform_fee > 0:
        payment_intent_data["application_fee_amount"] = to_fen(order.platform_fee)
    try:
        session = stripe_client().v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "client_reference_id": order.number,
                "customer_email": order.resident.email or None,
                "locale": "en" if (get_language() or "").startswith("en") else "zh",
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "cny",
                            "unit_amount": to_fen(order.total),
                            "product_data": {"name": f"{order.service.name} × {order.quantity} ({order.number})"},
                        },
                    }
                ],
                "payment_intent_data": payment_intent_data,
                "metadata": {"order": order.number, "attempt": str(payment.attempt)},
                "expires_at": int((clock_source.now() + SESSION_LIFETIME).timestamp()) + 60,
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
            options={"idempotency_key": payment.idempotency_key},
        )
    except stripe.StripeError as error:
        raise PaymentProviderError() from error
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if not locked.checkout_session_id:
            locked.checkout_session_id = session.id
            locked.checkout_url = session.url or ""
            locked.save(update_fields=["checkout_session_id", "checkout_url", "updated_at"])
            record(locked.order, OrderAction.CHECKOUT_STARTED, resident, locked.order.state)
    return locked


def expire_checkout(payment: Payment) -> None:
    """Close an unpaid payment page (its order was cancelled). Stripe then sends checkout.session.expired."""
    # Already paid, expired or unknown: the webhook events say what happened, and a cancelled order that was paid
    # meanwhile is refunded when its payment is recorded.
    with contextlib.suppress(stripe.StripeError):
        stripe_client().v1.checkout.sessions.expire(payment.checkout_session_id)
