"""Community commerce: what merchants sell online, residents' orders, and the ledger of money that moved for them.

The ledger comes first (django-oscar's payment `Source` and `Transaction`): a payment attempt, a refund or a
subsidy transfer is recorded before Stripe is asked, with the idempotency key Stripe will see; Stripe's answer and
its signed webhook events only move the records forward.
"""

from market.commerce.models.catalogue import BookableService, PricingUnit
from market.commerce.models.ledger import (
    Payment,
    PaymentState,
    Refund,
    RefundReason,
    RefundState,
    SubsidyTransfer,
    SubsidyTransferState,
    Transaction,
    TransactionKind,
    WebhookEvent,
    WebhookOutcome,
)
from market.commerce.models.orders import Order, OrderAction, OrderEvent, OrderState, PaymentMethod
from market.commerce.models.payment_accounts import PaymentAccount

__all__ = [
    "BookableService",
    "Order",
    "OrderAction",
    "OrderEvent",
    "OrderState",
    "Payment",
    "PaymentAccount",
    "PaymentMethod",
    "PaymentState",
    "PricingUnit",
    "Refund",
    "RefundReason",
    "RefundState",
    "SubsidyTransfer",
    "SubsidyTransferState",
    "Transaction",
    "TransactionKind",
    "WebhookEvent",
    "WebhookOutcome",
]
