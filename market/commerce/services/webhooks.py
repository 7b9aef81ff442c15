"""Stripe's signed events: each stored once by its id and applied in one transaction with its storing, so that a
replay, or two deliveries at once, change nothing the second time. Events may come in any order: each step only
moves a record forward, and an event about a payment not yet known (a refund before the completed checkout) waits
until the event it depends on has been applied."""

import datetime

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction

from market import clock_source
from market.commerce.models import (
    Order,
    OrderAction,
    Payment,
    PaymentState,
    RefundReason,
    Transaction,
    TransactionKind,
    WebhookEvent,
    WebhookOutcome,
)
from market.commerce.services import benefits, refunds, subsidies
from market.commerce.services.history import lock, record
from market.commerce.services.payment_accounts import apply_account
from market.commerce.stripe_gateway import from_fen


class BadSignature(Exception):
    """The payload was not signed with this site's webhook secret (or not recently): nothing is recorded."""


def verified_event(payload: bytes, signature: str | None) -> dict:
    """The event in a delivery, if Stripe signed it with our secret; else BadSignature."""
    if not settings.STRIPE_WEBHOOK_SECRET or not signature:
        raise BadSignature("missing signature or secret")
    try:
        event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise BadSignature(str(error)) from error
    return event.to_dict() if hasattr(event, "to_dict") else dict(event)


def receive(event: dict) -> tuple[WebhookEvent, bool]:
    """Store and apply an event; returns it and whether it was new (False for a replay)."""
    try:
        with transaction.atomic():
            stored = WebhookEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                created=datetime.datetime.fromtimestamp(event.get("created") or 0, tz=datetime.UTC),
                payload=event,
                outcome=WebhookOutcome.IGNORED,
                received_at=clock_source.now(),
            )
            _apply_stored(stored)
    except IntegrityError:
        existing = WebhookEvent.objects.filter(event_id=event["id"]).first()
        if existing is None:
            raise
        return existing, False
    return stored, True


def _apply_stored(stored: WebhookEvent) -> None:
    handler = HANDLERS.get(stored.type)
    waits_for = handler(stored.payload["data"]["object"], stored) if handler else None
    if waits_for:
        stored.outcome = WebhookOutcome.WAITING
        stored.waits_for = waits_for
    else:
        stored.outcome = WebhookOutcome.PROCESSED if handler else WebhookOutcome.IGNORED
        stored.waits_for = ""
        stored.processed_at = clock_source.now()
    stored.save()


def _release(key: str) -> None:
    """Apply the events that were waiting for `key` (a PaymentIntent now known)."""
    if not key:
        return
    for waiting in WebhookEvent.objects.select_for_update().filter(outcome=WebhookOutcome.WAITING, waits_for=key):
        _apply_stored(waiting)


def _payment_for_session(session: dict) -> Payment | None:
    payment = Payment.objects.filter(checkout_session_id=session.get("id")).first()
    if payment is None:
        # The session answer was lost (a timeout after Stripe made it): the order and attempt are in its metadata.
        metadata = session.get("metadata") or {}
        payment = Payment.objects.filter(
            order__number=session.get("client_reference_id") or metadata.get("order"),
            attempt=metadata.get("attempt") or 0,
        ).first()
    return payment


def _lock_payment(payment: Payment) -> Payment:
    return Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)


def _session_payment(session: dict) -> Payment | None:
    payment = _payment_for_session(session)
    if payment is None:
        return None
    payment = _lock_payment(payment)
    changed = []
    if not payment.checkout_session_id:
        payment.checkout_session_id = session.get("id")
        changed.append("checkout_session_id")
    intent = session.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    if intent and payment.payment_intent_id != intent:
        payment.payment_intent_id = intent
        changed.append("payment_intent_id")
    if changed:
        payment.save(update_fields=[*changed, "updated_at"])
    return payment


def _paid(payment: Payment, amount, reference: str) -> None:
    if payment.state in (PaymentState.PAID, PaymentState.REFUNDED):
        return
    Transaction.objects.get_or_create(
        kind=TransactionKind.DEBIT,
        reference=reference,
        defaults={"payment": payment, "amount": amount, "recorded_at": clock_source.now()},
    )
    payment.state = PaymentState.PAID
    payment.amount_paid = amount
    payment.save()
    order = lock(payment.order)
    before = order.state
    if order.state in (Order.S.AWAITING_PAYMENT, Order.S.ABANDONED):
        order.mark_paid()
        order.save()
        record(order, OrderAction.PAID, None, before)
        benefits.record_benefits(order)
        return
    # Paid although the order was cancelled meanwhile, or paid twice from two pages: the money goes back.
    record(order, OrderAction.PAID, None, before)
    reason = RefundReason.CANCELLED if order.state == Order.S.CANCELLED else RefundReason.STAFF
    refunds.refund_paid(order, reason=reason, note="", payment=payment)


def checkout_completed(session: dict, stored) -> None:
    payment = _session_payment(session)
    if payment is None:
        return None
    if session.get("payment_status") in ("paid", "no_payment_required"):
        _paid(payment, from_fen(session.get("amount_total")), payment.payment_intent_id or session["id"])
    elif payment.state == PaymentState.OPEN:
        # A delayed method (a bank transfer): the async events say how it ends.
        payment.state = PaymentState.PROCESSING
        payment.save()
        record(payment.order, OrderAction.PAYMENT_PENDING, None, payment.order.state)
    _release(payment.payment_intent_id)
    return None


def async_payment_succeeded(session: dict, stored) -> None:
    payment = _session_payment(session)
    if payment is not None:
        _paid(payment, from_fen(session.get("amount_total")), payment.payment_intent_id or session["id"])
        _release(payment.payment_intent_id)
    return None


def _lapsed(payment: Payment, new_state, action) -> None:
    if payment.state not in (PaymentState.OPEN, PaymentState.PROCESSING):
        return  # paid or refunded already: a late expiry or failure changes nothing
    payment.state = new_state
    payment.save()
    order = lock(payment.order)
    before = order.state
    others = order.payments.exclude(pk=payment.pk).filter(
        state__in=[PaymentState.OPEN, PaymentState.PROCESSING, PaymentState.PAID]
    )
    if order.state == Order.S.AWAITING_PAYMENT and not others.exists():
        order.abandon()
        order.save()
    record(order, action, None, before)


def async_payment_failed(session: dict, stored) -> None:
    payment = _session_payment(session)
    if payment is not None:
        _lapsed(payment, PaymentState.FAILED, OrderAction.PAYMENT_FAILED)
    return None


def checkout_expired(session: dict, stored) -> None:
    payment = _session_payment(session)
    if payment is not None:
        _lapsed(payment, PaymentState.EXPIRED, OrderAction.CHECKOUT_EXPIRED)
    return None


def charge_refunded(charge: dict, stored) -> str | None:
    intent = charge.get("payment_intent")
    payment = Payment.objects.filter(payment_intent_id=intent).first() if intent else None
    if payment is None:
        # The checkout that paid it has not been applied yet: wait for it.
        return intent or None
    if payment.state not in (PaymentState.PAID, PaymentState.REFUNDED):
        return intent
    refund_ids = [item.get("id") for item in ((charge.get("refunds") or {}).get("data") or [])]
    refunds.apply_refunded_total(
        payment,
        from_fen(charge.get("amount_refunded")),
        reference=f"{charge.get('id')}/{charge.get('amount_refunded')}",
        stripe_refund_id=refund_ids[0] if len(refund_ids) == 1 else None,
    )
    return None


def account_updated(account: dict, stored) -> None:
    apply_account(account, stored.created)
    return None


def transfer_changed(transfer: dict, stored) -> None:
    subsidies.apply_transfer(transfer)
    return None


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": async_payment_succeeded,
    "checkout.session.async_payment_failed": async_payment_failed,
    "checkout.session.expired": checkout_expired,
    "charge.refunded": charge_refunded,
    "account.updated": account_updated,
    "transfer.reversed": transfer_changed,
    "transfer.updated": transfer_changed,
}

