"""What a merchant sells online: services with a price in yuan per outlet (HSDS service with its cost_option)."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from market.discounts.models import MicroProfitService
from market.discounts.models.money import MONEY
from market.registry.models import Category, ListingStatus, Location, Organization, description_field


class PricingUnit(models.TextChoices):
    VISIT = "visit", _("per visit")
    HOUR = "hour", _("per hour")
    ITEM = "item", _("per item")
    ORDER = "order", _("per order")


class BookableServiceQuerySet(models.QuerySet):
    def on_sale(self):
        """Services a resident can book now: active, of a listed merchant."""
        return self.filter(active=True, organization__listing_status=ListingStatus.ACTIVE)


class BookableService(models.Model):
    """A service residents book and pay for on Linli. A micro-profit service is sold at or under the bureau's cap
    for its kind, whatever price is typed here."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="bookable_services", verbose_name=_("merchant")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="bookable_services", verbose_name=_("category")
    )
    micro_profit_service = models.ForeignKey(
        MicroProfitService,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookable_services",
        verbose_name=_("micro-profit service"),
        help_text=_("Sold under the bureau's price cap and counted for the subsidy claim."),
    )
    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = description_field()
    amount = models.DecimalField(_("price (yuan)"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY", editable=False)
    unit = models.CharField(_("priced"), max_length=10, choices=PricingUnit.choices, default=PricingUnit.VISIT)
    most_units = models.PositiveSmallIntegerField(_("most units in one order"), default=10)
    locations = models.ManyToManyField(Location, related_name="bookable_services", verbose_name=_("outlets"))
    at_home = models.BooleanField(
        _("at the resident's home"), default=False, help_text=_("The resident gives an address.")
    )
    needs_appointment = models.BooleanField(
        _("booked for a date and time"), default=True, help_text=_("Otherwise the order is served in turn.")
    )
    lead_time_hours = models.PositiveSmallIntegerField(
        _("notice needed (hours)"), default=2, help_text=_("The earliest appointment is this long after booking.")
    )
    free_cancellation_hours = models.PositiveSmallIntegerField(
        _("free cancellation until (hours before)"),
        default=24,
        help_text=_("Up to this long before the appointment the resident may cancel and is refunded in full."),
    )
    active = models.BooleanField(_("on sale"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BookableServiceQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("bookable service")
        verbose_name_plural = _("bookable services")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="bookable_price_positive"),
            models.CheckConstraint(condition=Q(most_units__gte=1), name="bookable_at_least_one_unit"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def price_cap(self) -> Decimal | None:
        return self.micro_profit_service.service_type.price_cap if self.micro_profit_service_id else None

    @property
    def capped_price(self) -> Decimal | None:
        """What one unit costs an eligible resident as a micro-profit service (never above the bureau's cap), or
        None when this is not one."""
        if not self.micro_profit_service_id:
            return None
        return min(self.amount, self.micro_profit_service.resident_price)
