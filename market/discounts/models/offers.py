"""Offers: a merchant's discounts for some eligibility groups at some of its outlets, with their quotas."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.discounts.models.eligibility import EligibilityGroup
from market.discounts.models.money import MONEY
from market.registry.models import ListingStatus, Location, Organization


class OfferKind(models.TextChoices):
    PERCENT = "percent", _("Percentage off")
    AMOUNT = "amount", _("Amount off")


class QuotaPeriod(models.TextChoices):
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class OfferQuerySet(models.QuerySet):
    def live(self, day):
        """Offers a resident may use on a day: active, in their dates, of a listed merchant."""
        return self.filter(
            active=True,
            organization__listing_status=ListingStatus.ACTIVE,
            valid_from__lte=day,
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Offer(models.Model):
    """A merchant's discount for some groups at some outlets (its price terms follow HSDS cost_option)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="offers", verbose_name=_("merchant")
    )
    name = models.CharField(
        pgettext_lazy("object name", "name"),
        max_length=200,
        help_text=_("e.g. 10 percent off laundry for laid-off workers"),
    )
    locations = models.ManyToManyField(Location, related_name="offers", verbose_name=_("outlets"))
    groups = models.ManyToManyField(
        EligibilityGroup, related_name="offers", verbose_name=pgettext_lazy("eligibility", "groups")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OfferKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY, help_text=_("The percentage off, or the amount off in yuan."))
    maximum_discount = models.DecimalField(
        _("maximum discount (yuan)"), **MONEY, null=True, blank=True, help_text=_("Caps a percentage discount.")
    )
    minimum_spend = models.DecimalField(_("minimum spend (yuan)"), **MONEY, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="CNY", editable=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    total_quota = models.PositiveIntegerField(
        _("total quota"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    per_person_quota = models.PositiveIntegerField(_("uses per person"), null=True, blank=True)
    quota_period = models.CharField(
        _("per period"), max_length=10, choices=QuotaPeriod.choices, default=QuotaPeriod.MONTH
    )
    terms = models.TextField(_("terms"), blank=True)
    active = models.BooleanField(pgettext_lazy("offer state", "active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-valid_from"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="offer_amount_positive"),
            models.CheckConstraint(
                condition=~Q(kind=OfferKind.PERCENT) | Q(amount__lte=100), name="offer_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="offer_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name
