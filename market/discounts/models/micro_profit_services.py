"""Micro-profit services (微利性商业服务): the kinds the bureau caps the price of and subsidises, and the
merchants' services of those kinds.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from market.discounts.models.money import MONEY
from market.names import BilingualName
from market.registry.models import Category, Location, Organization


class MicroProfitServiceType(BilingualName):
    """A kind of micro-profit service (微利性商业服务) with the price cap and subsidy the bureau sets."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="micro_profit_service_types", verbose_name=_("category")
    )
    unit = models.CharField(
        _("unit (Chinese)"), max_length=50, help_text=_("What one is, e.g. 一次 (a visit), 一件 (a garment).")
    )
    unit_en = models.CharField(
        _("unit (English)"), max_length=50, blank=True, help_text=_("The same in English, e.g. visit, garment.")
    )
    price_cap = models.DecimalField(_("price cap (yuan)"), **MONEY)
    subsidy_per_unit = models.DecimalField(_("subsidy per unit (yuan)"), **MONEY, default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    max_units_per_sale = models.PositiveSmallIntegerField(
        _("most units in one sale"), default=10, help_text=_("A sale of more is refused at the counter.")
    )
    max_units_per_resident_per_day = models.PositiveSmallIntegerField(
        _("most units per resident a day"),
        default=20,
        help_text=_("At all merchants together; a sale that would go beyond it is refused."),
    )
    usual_volume_factor = models.DecimalField(
        _("flag above this multiple of an outlet's usual day"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("3.0"),
        help_text=_(
            "An outlet's usual day is the median of its daily units over the last 28 days with sales. Sales that "
            "take a day beyond this multiple of it are held for a reviewer before they can be claimed."
        ),
    )
    review_above_daily_units = models.PositiveIntegerField(
        _("flag above this many units a day at any outlet"),
        default=50,
        help_text=_("Where an outlet has little history, sales beyond this many units in a day are held too."),
    )

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("micro-profit service type")
        verbose_name_plural = _("micro-profit service types")
        constraints = [
            models.CheckConstraint(condition=Q(price_cap__gt=0), name="price_cap_positive"),
            models.CheckConstraint(condition=Q(subsidy_per_unit__gte=0), name="subsidy_not_negative"),
            models.CheckConstraint(condition=Q(max_units_per_sale__gte=1), name="sale_limit_at_least_one"),
            models.CheckConstraint(
                condition=Q(max_units_per_resident_per_day__gte=models.F("max_units_per_sale")),
                name="day_limit_at_least_sale_limit",
            ),
            models.CheckConstraint(condition=Q(usual_volume_factor__gte=1), name="volume_factor_at_least_one"),
        ]

    @property
    def display_unit(self) -> str:
        """The unit in the language of the current request, falling back to Chinese."""
        if (get_language() or "").startswith("en") and self.unit_en:
            return self.unit_en
        return self.unit

    def in_force(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class MicroProfitService(models.Model):
    """A merchant's service at or under the bureau's price cap for its type."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="micro_profit_services", verbose_name=_("merchant")
    )
    service_type = models.ForeignKey(
        MicroProfitServiceType, on_delete=models.PROTECT, related_name="services", verbose_name=_("type")
    )
    name = models.CharField(pgettext_lazy("object name", "name"), max_length=200)
    price = models.DecimalField(_("price (yuan)"), **MONEY)
    locations = models.ManyToManyField(
        Location, related_name="micro_profit_services", blank=True, verbose_name=_("outlets")
    )
    active = models.BooleanField(pgettext_lazy("offer state", "active"), default=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("micro-profit service")
        verbose_name_plural = _("micro-profit services")

    def __str__(self):
        return self.name

    @property
    def resident_price(self):
        """What a resident pays: never above the cap, even if the bureau lowered it after the price was set."""
        return min(self.price, self.service_type.price_cap)
