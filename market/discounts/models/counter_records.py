"""The append-only records made at a merchant's counter: redemptions of offers and micro-profit sales, on one
base. A mistake is corrected by a second record that reverses the first.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.discounts.models.benefit_codes import BenefitCode, CodeKind
from market.discounts.models.eligibility import EligibilityGroup
from market.discounts.models.micro_profit_services import MicroProfitService
from market.discounts.models.money import MONEY
from market.discounts.models.offers import Offer
from market.records import AppendOnlyRecord
from market.registry.models import Location, Organization


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    ONLINE = "online", _("Order paid online")


class CounterRecord(AppendOnlyRecord):
    """What a merchant's staff records at the counter, or what an order paid online records, for money changing
    hands. It is never edited: a mistake is corrected by a second record that `reverses` it with the amounts
    negated. A retried form carries the same idempotency key and gets the first record back."""

    channel = models.CharField(_("where"), max_length=10, choices=Channel.choices, default=Channel.COUNTER)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("staff member"),
        help_text=_("Empty for an order paid online: the order is the record."),
    )
    amount_paid = models.DecimalField(_("amount paid"), **MONEY)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        abstract = True

    def reversing_values(self, at) -> dict:
        """The fields of the record that reverses this one, made at `at` (all but staff, key and reason)."""
        raise NotImplementedError


class Redemption(CounterRecord):
    """An offer used at a counter. A correction is a second record with negated amounts that `reverses` it."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("offer"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("merchant")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("outlet")
    )
    benefit_code = models.ForeignKey(
        BenefitCode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redemptions",
        verbose_name=_("benefit code"),
        help_text=_("Empty for an order paid online: the order names the resident."),
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("resident")
    )
    group = models.ForeignKey(
        EligibilityGroup,
        on_delete=models.PROTECT,
        related_name="redemptions",
        verbose_name=pgettext_lazy("eligibility", "group"),
        help_text=_("The group whose eligibility the offer was used under."),
    )
    amount_before = models.DecimalField(_("amount before"), **MONEY)
    saving = models.DecimalField(_("saving"), **MONEY)
    redeemed_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["-redeemed_at", "-pk"]
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        indexes = [
            models.Index(fields=["redeemed_at"], name="redemptions_by_time"),
            models.Index(fields=["offer", "resident", "redeemed_at"], name="redemptions_for_quota"),
            models.Index(fields=["resident", "redeemed_at"], name="redemptions_by_resident"),
            models.Index(fields=["organization", "redeemed_at"], name="redemptions_by_merchant"),
            models.Index(fields=["location", "redeemed_at"], name="redemptions_by_outlet"),
            models.Index(fields=["group", "redeemed_at"], name="redemptions_by_group"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, saving__gte=0) | Q(reverses__isnull=False, saving__lte=0),
                name="redemption_saving_sign",
            ),
            models.CheckConstraint(
                condition=~Q(channel="counter") | Q(staff__isnull=False, benefit_code__isnull=False),
                name="redemption_at_counter_names_staff_and_code",
            ),
        ]

    def __str__(self):
        return f"{self.offer} · {self.saving} · {self.redeemed_at:%Y-%m-%d %H:%M}"

    def reversing_values(self, at) -> dict:
        return {
            "channel": self.channel,
            "offer_id": self.offer_id,
            "organization_id": self.organization_id,
            "location_id": self.location_id,
            "benefit_code_id": self.benefit_code_id,
            "resident_id": self.resident_id,
            "group_id": self.group_id,
            "amount_before": -self.amount_before,
            "saving": -self.saving,
            "amount_paid": -self.amount_paid,
            "redeemed_at": at,
        }


class MicroProfitSale(CounterRecord):
    """A micro-profit service sold at its capped price to a resident who showed their benefit code, for the
    subsidy claim. Corrected by a reversing sale. (Once residents pay online, a paid order will name the buyer
    instead of a code.) Sales recorded before sales named a code have none; they were held for a reviewer."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="micro_profit_sales", verbose_name=_("merchant")
    )
    service = models.ForeignKey(
        MicroProfitService, on_delete=models.PROTECT, related_name="sales", verbose_name=_("service")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="micro_profit_sales", verbose_name=_("outlet")
    )
    benefit_code = models.ForeignKey(
        BenefitCode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="micro_profit_sales",
        verbose_name=_("benefit code"),
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="micro_profit_purchases",
        verbose_name=_("resident"),
    )
    code_kind = models.CharField(_("code presented as"), max_length=10, choices=CodeKind.choices, blank=True)
    quantity = models.IntegerField(_("quantity"), help_text=_("Negative in a reversing record."))
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    subsidy_per_unit = models.DecimalField(_("subsidy per unit"), **MONEY)
    subsidy_amount = models.DecimalField(_("subsidy"), **MONEY)
    sold_at = models.DateTimeField(_("sold at"))

    class Meta:
        ordering = ["-sold_at", "-pk"]
        verbose_name = _("micro-profit sale")
        verbose_name_plural = _("micro-profit sales")
        indexes = [
            models.Index(fields=["organization", "sold_at"], name="sales_by_merchant"),
            models.Index(fields=["resident", "sold_at"], name="sales_by_resident"),
            models.Index(fields=["location", "sold_at"], name="sales_by_outlet"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, quantity__gt=0) | Q(reverses__isnull=False, quantity__lt=0),
                name="sale_quantity_sign",
            ),
            models.CheckConstraint(
                condition=~Q(channel="counter") | Q(staff__isnull=False), name="sale_at_counter_names_staff"
            ),
        ]

    def __str__(self):
        return f"{self.service} × {self.quantity} · {self.sold_at:%Y-%m-%d}"

    def reversing_values(self, at) -> dict:
        return {
            "channel": self.channel,
            "organization_id": self.organization_id,
            "service_id": self.service_id,
            "location_id": self.location_id,
            "benefit_code_id": self.benefit_code_id,
            "resident_id": self.resident_id,
            "code_kind": self.code_kind,
            "quantity": -self.quantity,
            "unit_price": self.unit_price,
            "amount_paid": -self.amount_paid,
            "subsidy_per_unit": self.subsidy_per_unit,
            "subsidy_amount": -self.subsidy_amount,
            "sold_at": at,
        }
