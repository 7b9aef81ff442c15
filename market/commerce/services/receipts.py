"""What a receipt shows: the payment that paid an order online, or the refund that gave it back, with the date
the money moved and Stripe's reference for it. Only money that really moved has a receipt."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from market.commerce.models import Order, PaymentState, Refund, RefundState, TransactionKind


@dataclass(frozen=True)
class Receipt:
    order: Order
    amount: Decimal
    at: datetime.datetime
    reference: str  # Stripe's: the PaymentIntent paid, or the refund
    refund: Refund | None = None


def payment_receipt(order: Order) -> Receipt | None:
    """The receipt of the order's online payment, or None where nothing was paid online."""
    payment = order.payments.filter(state__in=[PaymentState.PAID, PaymentState.REFUNDED]).first()
    debit = payment.transactions.filter(kind=TransactionKind.DEBIT).first() if payment else None
    if debit is None:
        return None
    return Receipt(order=order, amount=payment.amount_paid, at=debit.recorded_at, reference=debit.reference)


def refund_receipt(order: Order) -> Receipt | None:
    """The receipt of the order's refund once Stripe has confirmed it, or None."""
    refund = Refund.objects.filter(payment__order=order, state=RefundState.SUCCEEDED).select_related("payment").first()
    if refund is None:
        return None
    credit = refund.payment.transactions.filter(kind=TransactionKind.REFUND).order_by("-recorded_at").first()
    return Receipt(
        order=order,
        amount=refund.amount,
        at=credit.recorded_at if credit else refund.updated_at,
        reference=refund.stripe_refund_id or (credit.reference if credit else ""),
        refund=refund,
    )


def resident_orders(resident):
    """The resident's orders, newest first."""
    return Order.objects.filter(resident=resident).select_related("organization", "location", "service")
