"""A resident's order for a bookable service, with its price fixed when it was placed, and its history."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMModelMixin, transition

from market import clock_source
from market.commerce.models.catalogue import BookableService
from market.discounts.models import EligibilityGroup, MicroProfitSale, Offer, Redemption
from market.discounts.models.money import MONEY
from market.records import AuditEvent
from market.registry.models import Location, Organization
from market.state_field import StateField


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("Paid online")
    COUNTER = "counter", _("Pay at the counter")


class OrderState(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PLACED = "placed", _("Waiting for the merchant")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined by the merchant")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")
    ABANDONED = "abandoned", _("Not paid")


def new_order_number() -> str:
    """A number a resident can read out at the counter: 12 characters, no look-alike letters."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Order(FSMModelMixin, models.Model):
    """A resident's booking. Its prices are copied in when it is placed, so that a later change of price, cap or
    offer never changes what was agreed. Only the payment's webhook events move it from awaiting payment."""

    S = OrderState

    number = models.CharField(_("order number"), max_length=12, unique=True, default=new_order_number, editable=False)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders", verbose_name=_("resident")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="orders", verbose_name=_("merchant")
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="orders", verbose_name=_("outlet"))
    service = models.ForeignKey(
        BookableService, on_delete=models.PROTECT, related_name="orders", verbose_name=_("service")
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    scheduled_for = models.DateTimeField(_("appointment"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    notes = models.TextField(_("notes for the merchant"), blank=True)
    payment_method = models.CharField(_("payment"), max_length=10, choices=PaymentMethod.choices)
    state = StateField(_("state"), default=S.AWAITING_PAYMENT, choices=S.choices, protected=True)

    # The price as agreed when the order was placed.
    currency = models.CharField(_("currency"), max_length=3, default="CNY", editable=False)
    list_unit_price = models.DecimalField(_("list price per unit"), **MONEY)
    unit_price = models.DecimalField(_("price per unit"), **MONEY, help_text=_("After the micro-profit cap."))
    micro_profit = models.BooleanField(
        _("micro-profit sale"), default=False, help_text=_("Sold under the cap to an eligible resident.")
    )
    subtotal = models.DecimalField(_("subtotal"), **MONEY)
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.PROTECT, related_name="orders", verbose_name=_("offer")
    )
    group = models.ForeignKey(
        EligibilityGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("eligible as"),
    )
    discount = models.DecimalField(_("discount"), **MONEY, default=0)
    total = models.DecimalField(_("total"), **MONEY)
    platform_fee = models.DecimalField(_("platform fee"), **MONEY, default=0)

    # What the paid order counts for in the discount tracker: the redemption of its offer, the micro-profit sale.
    redemption = models.OneToOneField(
        Redemption, null=True, blank=True, on_delete=models.PROTECT, related_name="order", verbose_name=_("redemption")
    )
    micro_profit_sale = models.OneToOneField(
        MicroProfitSale,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order",
        verbose_name=_("micro-profit sale"),
    )

    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("placed at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [
            models.Index(fields=["resident", "created_at"], name="orders_by_resident"),
            models.Index(fields=["organization", "state", "created_at"], name="orders_by_merchant"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_quantity_positive"),
            models.CheckConstraint(condition=Q(total__gte=0), name="order_total_not_negative"),
            models.CheckConstraint(
                condition=Q(total=models.F("subtotal") - models.F("discount")), name="order_total_adds_up"
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def list_total(self):
        return self.list_unit_price * self.quantity

    @property
    def cap_saving(self):
        """What the micro-profit cap took off the list price."""
        return self.list_total - self.subtotal

    @property
    def saving(self):
        return self.cap_saving + self.discount

    @property
    def is_open(self) -> bool:
        return self.state in (self.S.AWAITING_PAYMENT, self.S.PLACED, self.S.ACCEPTED)

    @transition(field=state, source=[S.AWAITING_PAYMENT, S.ABANDONED], target=S.PLACED)
    def mark_paid(self):
        pass

    @transition(field=state, source=S.AWAITING_PAYMENT, target=S.ABANDONED)
    def abandon(self):
        pass

    @transition(field=state, source=S.ABANDONED, target=S.AWAITING_PAYMENT)
    def pay_again(self):
        pass

    @transition(field=state, source=S.PLACED, target=S.ACCEPTED)
    def accept(self):
        pass

    @property
    def appointment_started(self) -> bool:
        """No appointment, or its start has come: only then can the merchant say the service was delivered."""
        return self.scheduled_for is None or clock_source.now() >= self.scheduled_for

    @property
    def stands(self) -> bool:
        """Open or completed: not cancelled, declined, refunded or left unpaid."""
        return self.is_open or self.state == self.S.COMPLETED

    @transition(
        field=state, source=S.ACCEPTED, target=S.COMPLETED, conditions=[lambda order: order.appointment_started]
    )
    def complete(self):
        pass

    @transition(field=state, source=[S.PLACED, S.ACCEPTED], target=S.DECLINED)
    def decline(self):
        pass

    @transition(field=state, source=[S.AWAITING_PAYMENT, S.ABANDONED, S.PLACED, S.ACCEPTED], target=S.CANCELLED)
    def cancel(self):
        pass

    @transition(field=state, source=[S.PLACED, S.ACCEPTED, S.COMPLETED], target=S.REFUNDED)
    def mark_refunded(self):
        pass


class OrderAction(models.TextChoices):
    PLACED = "placed", _("Placed")
    CHECKOUT_STARTED = "checkout_started", _("Went to pay")
    PAID = "paid", _("Paid")
    PAYMENT_PENDING = "payment_pending", _("Payment being confirmed")
    PAYMENT_FAILED = "payment_failed", _("Payment failed")
    CHECKOUT_EXPIRED = "checkout_expired", _("Payment page expired")
    ACCEPTED = "accepted", _("Accepted by the merchant")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined by the merchant")
    CANCELLED = "cancelled", _("Cancelled by the resident")
    REFUND_REQUESTED = "refund_requested", _("Refund requested")
    REFUNDED = "refunded", _("Refunded")
    REFUND_FAILED = "refund_failed", _("Refund failed")


class OrderEvent(AuditEvent):
    """What happened to an order, who did it (empty for Stripe's events) and why."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="events", verbose_name=_("order"))
    action = models.CharField(_("action"), max_length=30, choices=OrderAction.choices)
    from_state = models.CharField(_("from state"), max_length=20, choices=OrderState.choices, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, choices=OrderState.choices, blank=True)

    class Meta:
        ordering = ["order", "at", "pk"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
