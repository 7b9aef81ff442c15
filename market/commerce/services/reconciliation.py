"""Local records compared with Stripe's, and with each other: every difference is listed for staff, nothing is
changed. Run by `manage.py reconcile_payments`."""

import datetime
from dataclasses import dataclass

import stripe
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.commerce.models import (
    Order,
    Payment,
    PaymentMethod,
    PaymentState,
    Refund,
    RefundState,
    SubsidyTransfer,
    SubsidyTransferState,
    TransactionKind,
    WebhookEvent,
    WebhookOutcome,
)
from market.commerce.stripe_gateway import from_fen, stripe_client

STUCK_AFTER = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Mismatch:
    record: str  # e.g. "payment 12 (order 7Q…)"
    problem: str
    local: str = ""
    stripe: str = ""

    def __str__(self):
        text = f"{self.record}: {self.problem}"
        if self.local or self.stripe:
            text += f" (Linli: {self.local or '—'}; Stripe: {self.stripe or '—'})"
        return text


def _ledger_total(payment: Payment, kind) -> object:
    return payment.transactions.filter(kind=kind).aggregate(total=Sum("amount"))["total"] or 0


def local_mismatches(now=None) -> list[Mismatch]:
    """What the records say that cannot all be true, without asking Stripe."""
    now = now or clock_source.now()
    found = []
    for payment in Payment.objects.select_related("order"):
        name = f"payment {payment.pk} (order {payment.order.number})"
        if _ledger_total(payment, TransactionKind.DEBIT) != payment.amount_paid:
            found.append(Mismatch(name, str(_("amount paid differs from the ledger"))))
        if _ledger_total(payment, TransactionKind.REFUND) != payment.amount_refunded:
            found.append(Mismatch(name, str(_("amount refunded differs from the ledger"))))
    paid_online = Order.objects.filter(
        payment_method=PaymentMethod.ONLINE, state__in=[Order.S.PLACED, Order.S.ACCEPTED, Order.S.COMPLETED]
    ).exclude(payments__state=PaymentState.PAID)
    for order in paid_online:
        found.append(Mismatch(f"order {order.number}", str(_("served as paid, but no payment is recorded as paid"))))
    for refund in Refund.objects.filter(state=RefundState.PENDING, created_at__lt=now - STUCK_AFTER):
        found.append(Mismatch(f"refund {refund.pk}", str(_("requested more than an hour ago and not confirmed"))))
    for event in WebhookEvent.objects.filter(outcome=WebhookOutcome.WAITING, received_at__lt=now - STUCK_AFTER):
        found.append(Mismatch(f"event {event.event_id}", str(_("still waiting for an earlier event"))))
    return found


def stripe_mismatches(since: datetime.datetime) -> list[Mismatch]:
    """Each payment, refund and transfer since a moment, compared with what Stripe holds."""
    client = stripe_client()
    found = []
    payments = Payment.objects.filter(created_at__gte=since).exclude(checkout_session_id=None).select_related("order")
    for payment in payments:
        name = f"payment {payment.pk} (order {payment.order.number})"
        try:
            session = client.v1.checkout.sessions.retrieve(payment.checkout_session_id)
        except stripe.InvalidRequestError:
            found.append(Mismatch(name, str(_("the Checkout Session is unknown to Stripe"))))
            continue
        remote_paid = session.payment_status in ("paid", "no_payment_required")
        local_paid = payment.state in (PaymentState.PAID, PaymentState.REFUNDED)
        if remote_paid != local_paid:
            found.append(Mismatch(name, str(_("paid in one and not the other")), payment.state, session.payment_status))
        elif local_paid and from_fen(session.amount_total) != payment.amount_paid:
            found.append(
                Mismatch(
                    name, str(_("different amounts")), str(payment.amount_paid), str(from_fen(session.amount_total))
                )
            )
    for refund in Refund.objects.filter(created_at__gte=since).exclude(
        Q(stripe_refund_id=None) | Q(stripe_refund_id="")
    ):
        remote = client.v1.refunds.retrieve(refund.stripe_refund_id)
        if (remote.status == "succeeded") != (refund.state == RefundState.SUCCEEDED):
            found.append(Mismatch(f"refund {refund.pk}", str(_("different states")), refund.state, remote.status))
        elif from_fen(remote.amount) != refund.amount:
            found.append(
                Mismatch(
                    f"refund {refund.pk}", str(_("different amounts")), str(refund.amount), str(from_fen(remote.amount))
                )
            )
    for transfer in SubsidyTransfer.objects.filter(created_at__gte=since).exclude(stripe_transfer_id=None):
        remote = client.v1.transfers.retrieve(transfer.stripe_transfer_id)
        if from_fen(remote.amount) != transfer.amount:
            found.append(
                Mismatch(
                    f"subsidy transfer {transfer.pk}",
                    str(_("different amounts")),
                    str(transfer.amount),
                    str(from_fen(remote.amount)),
                )
            )
        if bool(remote.reversed) != (transfer.state == SubsidyTransferState.REVERSED):
            found.append(
                Mismatch(f"subsidy transfer {transfer.pk}", str(_("reversed in one and not the other")), transfer.state)
            )
    return found
