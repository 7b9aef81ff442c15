"""The ledger: payment attempts, the money each moved, refunds, subsidy transfers, and Stripe's events as received.

Each row that asks Stripe for something is written first, with the idempotency key Stripe is sent, so that a retry
after a timeout or a crash asks for the same thing again rather than for a second one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.commerce.models.orders import Order
from market.commerce.models.payment_accounts import PaymentAccount
from market.discounts.models import SubsidyClaim
from market.discounts.models.money import MONEY
from market.records import AppendOnlyRecord


class PaymentState(models.TextChoices):
    OPEN = "open", _("Waiting for the resident")
    PROCESSING = "processing", _("Being confirmed by the bank")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired unpaid")
    REFUNDED = "refunded", _("Refunded")


class Payment(models.Model):
    """One attempt to pay an order through a Stripe Checkout Session (django-oscar's payment source)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments", verbose_name=_("order"))
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    checkout_session_id = models.CharField(_("Checkout Session"), max_length=255, unique=True, null=True, blank=True)
    checkout_url = models.URLField(_("payment page"), max_length=2000, blank=True)
    payment_intent_id = models.CharField(_("PaymentIntent"), max_length=255, blank=True, db_index=True)
    destination_account = models.CharField(_("paid into"), max_length=100)
    state = models.CharField(_("state"), max_length=20, choices=PaymentState.choices, default=PaymentState.OPEN)
    amount = models.DecimalField(_("amount"), **MONEY)
    amount_paid = models.DecimalField(_("amount paid"), **MONEY, default=0)
    amount_refunded = models.DecimalField(_("amount refunded"), **MONEY, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="CNY", editable=False)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["order", "attempt"], name="one_payment_per_attempt"),
            models.CheckConstraint(
                condition=Q(amount_refunded__lte=models.F("amount_paid")), name="refund_at_most_paid"
            ),
        ]

    def __str__(self):
        return f"{self.order} #{self.attempt}"


class TransactionKind(models.TextChoices):
    DEBIT = "debit", _("Paid")
    REFUND = "refund", _("Refunded")


class Transaction(AppendOnlyRecord):
    """Money that moved, once each: Stripe's id for it is unique per kind, so a replayed event records nothing."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="transactions", verbose_name=_("payment")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=TransactionKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    reference = models.CharField(_("Stripe reference"), max_length=255)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        constraints = [
            models.UniqueConstraint(fields=["kind", "reference"], name="one_transaction_per_reference"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="transaction_amount_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount} {self.reference}"


class RefundReason(models.TextChoices):
    DECLINED = "declined", _("The merchant declined the order")
    CANCELLED = "cancelled", _("The resident cancelled in time")
    STAFF = "staff", _("Refunded by the bureau")
    STRIPE = "stripe", _("Refunded in Stripe")


class RefundState(models.TextChoices):
    PENDING = "pending", _("Requested")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    """A whole payment given back. One per payment, so its key is deterministic: a retry cannot refund twice."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="refund", verbose_name=_("payment"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=20, choices=RefundReason.choices)
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("money movement", "requested by"),
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    stripe_refund_id = models.CharField(_("Stripe refund"), max_length=255, unique=True, null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=RefundState.choices, default=RefundState.PENDING)
    failure = models.TextField(_("why it failed"), blank=True)
    created_at = models.DateTimeField(_("requested at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self):
        return f"{self.payment.order} · {self.amount}"


class WebhookOutcome(models.TextChoices):
    PROCESSED = "processed", _("Processed")
    WAITING = "waiting", _("Waiting for an earlier event")
    IGNORED = "ignored", _("Nothing to do")


class WebhookEvent(models.Model):
    """A Stripe event, stored once by its id. An event about a payment Linli has not heard of yet (delivered out
    of order) waits, and is processed when the event it depends on arrives."""

    event_id = models.CharField(_("event"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    created = models.DateTimeField(_("created by Stripe at"))
    payload = models.JSONField(_("payload"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=WebhookOutcome.choices)
    waits_for = models.CharField(_("waits for"), max_length=255, blank=True, db_index=True)
    received_at = models.DateTimeField(_("received at"))
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.type} {self.event_id}"


class SubsidyTransferState(models.TextChoices):
    PENDING = "pending", _("Requested")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    REVERSED = "reversed", _("Reversed")


class SubsidyTransfer(models.Model):
    """An approved subsidy claim paid into the merchant's connected account: one transfer per claim."""

    claim = models.OneToOneField(
        SubsidyClaim, on_delete=models.PROTECT, related_name="transfer", verbose_name=_("subsidy claim")
    )
    payment_account = models.ForeignKey(
        PaymentAccount, on_delete=models.PROTECT, related_name="subsidy_transfers", verbose_name=_("paid into")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    stripe_transfer_id = models.CharField(_("Stripe transfer"), max_length=255, unique=True, null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=SubsidyTransferState.choices, default=SubsidyTransferState.PENDING
    )
    failure = models.TextField(_("why it failed"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("money movement", "requested by"),
    )
    created_at = models.DateTimeField(_("requested at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subsidy transfer")
        verbose_name_plural = _("subsidy transfers")

    def __str__(self):
        return f"{self.claim} · {self.amount}"
