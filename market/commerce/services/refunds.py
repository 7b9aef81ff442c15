"""Giving a payment back, whole. The refund row is written with the order's step, in its transaction, and Stripe is
asked after the commit by a retrying task with the refund's deterministic key, so a retry never refunds twice and a
rolled-back step refunds nothing. The money is in the ledger when Stripe confirms it (`charge.refunded`, or the
refund's own answer), once."""

import stripe
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.commerce.errors import CommerceError
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
)
from market.commerce.services import benefits
from market.commerce.services.history import lock, record
from market.commerce.stripe_gateway import from_fen, stripe_client, to_fen
from market.guards import move, require, require_text
from market.tasks import retrying_task


def _paid_payment(order: Order) -> Payment | None:
    return order.payments.filter(state=PaymentState.PAID).first()


def refund_paid(order: Order, *, reason, note="", actor=None, from_state=None, payment=None) -> Refund | None:
    """Within the caller's transaction: refund the order's paid payment (or the one given) in full, if it has one
    (a counter order has none). The redemption and sale the payment wrote are reversed now, with the order's step."""
    payment = payment or _paid_payment(order)
    if payment is None:
        return None
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                payment=payment,
                amount=payment.amount_paid - payment.amount_refunded,
                reason=reason,
                note=note,
                requested_by=actor if getattr(actor, "is_authenticated", False) else None,
                idempotency_key=f"refund-order-{order.pk}-payment-{payment.attempt}",
                created_at=clock_source.now(),
            )
    except IntegrityError:
        return payment.refund
    benefits.reverse_benefits(order, reason=str(RefundReason(reason).label))
    record(order, OrderAction.REFUND_REQUESTED, actor, from_state or order.state, note)
    transaction.on_commit(lambda: send_refund.enqueue(refund.pk))
    return refund


@transaction.atomic
def refund_by_staff(order: Order, staff, reason) -> Refund:
    """The bureau gives an order's payment back, with its reason (a dispute, a fault of the platform)."""
    require(staff, "commerce.refund_order", order)
    reason = require_text(reason, _("Give the reason for the refund."), CommerceError)
    locked = lock(order)
    if _paid_payment(locked) is None:
        raise CommerceError(_("This order has no payment to refund."))
    before = locked.state
    move(locked, "mark_refunded", _("This order cannot be refunded in its state."), CommerceError)
    locked.save()
    return refund_paid(locked, reason=RefundReason.STAFF, note=reason, actor=staff, from_state=before)


@retrying_task()
def send_refund(refund_id: int) -> None:
    """Ask Stripe for the refund (again, after a failure: the same key gets the same refund)."""
    refund = Refund.objects.select_related("payment__order").get(pk=refund_id)
    if refund.state != RefundState.PENDING:
        return
    payment = refund.payment
    try:
        answer = stripe_client().v1.refunds.create(
            params={
                "payment_intent": payment.payment_intent_id,
                "amount": to_fen(refund.amount),
                # The charge went to the merchant's account: take the money back from it, and the platform's fee.
                "reverse_transfer": True,
                "refund_application_fee": True,
                "metadata": {"order": payment.order.number, "reason": refund.reason},
            },
            options={"idempotency_key": refund.idempotency_key},
        )
    except stripe.InvalidRequestError as error:
        # Stripe will not refund this (already refunded in full, say): record why, for staff.
        Refund.objects.filter(pk=refund.pk, state=RefundState.PENDING).update(
            state=RefundState.FAILED, failure=str(error.user_message or error)
        )
        record(payment.order, OrderAction.REFUND_FAILED, None, payment.order.state, str(error.user_message or error))
        return
    # Other errors (network, Stripe down) propagate and the task is retried.
    if answer.status == "succeeded":
        apply_refunded_total(payment, from_fen(answer.amount), reference=answer.id, stripe_refund_id=answer.id)
    elif answer.status in ("failed", "canceled"):
        Refund.objects.filter(pk=refund.pk).update(state=RefundState.FAILED, stripe_refund_id=answer.id)
    else:
        # Pending at the bank: `charge.refunded` records it when it is done.
        Refund.objects.filter(pk=refund.pk).update(stripe_refund_id=answer.id)


def apply_refunded_total(payment: Payment, total, *, reference: str, stripe_refund_id: str | None = None) -> None:
    """Stripe says `total` of the payment has been refunded so far: record the difference in the ledger, once
    (`reference` is unique per step, so the refund's answer and the `charge.refunded` event of the same refund
    record it once between them, in whichever order they come)."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        refund = Refund.objects.filter(payment=payment).first()
        if refund is not None and refund.state != RefundState.SUCCEEDED and total >= refund.amount:
            refund.state = RefundState.SUCCEEDED
            refund.stripe_refund_id = refund.stripe_refund_id or stripe_refund_id
            refund.save()
        difference = min(total, payment.amount_paid) - payment.amount_refunded
        if difference <= 0:
            return
        _, created = Transaction.objects.get_or_create(
            kind=TransactionKind.REFUND,
            reference=reference,
            defaults={"payment": payment, "amount": difference, "recorded_at": clock_source.now()},
        )
        if not created:
            return
        payment.amount_refunded += difference
        if payment.amount_refunded >= payment.amount_paid:
            payment.state = PaymentState.REFUNDED
        payment.save()
        order = lock(payment.order)
        if refund is None:
            # Refunded in Stripe's dashboard: recorded as such, the order follows and its records are reversed.
            Refund.objects.create(
                payment=payment,
                amount=difference,
                reason=RefundReason.STRIPE,
                idempotency_key=f"stripe-{reference}",
                stripe_refund_id=stripe_refund_id,
                state=RefundState.SUCCEEDED,
                created_at=clock_source.now(),
            )
            if payment.state != PaymentState.REFUNDED:
                # Part refunded in Stripe: the ledger says so; the order and its records stand.
                record(order, OrderAction.REFUNDED, None, order.state, str(difference))
                return
            benefits.reverse_benefits(order, reason=str(RefundReason.STRIPE.label))
            if order.state in (Order.S.PLACED, Order.S.ACCEPTED, Order.S.COMPLETED):
                before = order.state
                order.mark_refunded()
                order.save()
                record(order, OrderAction.REFUNDED, None, before)
                return
        record(order, OrderAction.REFUNDED, None, order.state)
