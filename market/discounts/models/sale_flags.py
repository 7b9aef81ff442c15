"""Sales held for a reviewer: a day at an outlet far above its usual volume, or a sale from before sales named a
resident's code. A held sale cannot be claimed until a reviewer clears it; a rejected one never can.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMModelMixin, transition

from market.discounts.models.counter_records import MicroProfitSale
from market.state_field import StateField


class SaleFlagState(models.TextChoices):
    OPEN = "open", _("Waiting for a reviewer")
    CLEARED = "cleared", _("Cleared")
    REJECTED = "rejected", pgettext_lazy("decision", "Rejected")


class FlagReason(models.TextChoices):
    VOLUME = "volume", _("Far above the outlet's usual day")
    NO_CODE = "no_code", _("Recorded before sales named a resident's code")


# The states in which a flagged sale (and its correction) stays out of every claim.
HOLDING_STATES = [SaleFlagState.OPEN, SaleFlagState.REJECTED]


class SaleFlag(FSMModelMixin, models.Model):
    S = SaleFlagState

    sale = models.OneToOneField(MicroProfitSale, on_delete=models.PROTECT, related_name="flag", verbose_name=_("sale"))
    reason = models.CharField(_("why it is held"), max_length=20, choices=FlagReason.choices)
    units_that_day = models.IntegerField(_("units at the outlet that day"), null=True, blank=True)
    usual_daily_units = models.DecimalField(
        _("the outlet's usual day (units)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    threshold = models.IntegerField(_("units a day before a flag"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("flagged at"))
    state = StateField(_("state"), default=S.OPEN, choices=S.choices, protected=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        ordering = ["-flagged_at", "-pk"]
        verbose_name = _("flagged sale")
        verbose_name_plural = _("flagged sales")
        indexes = [models.Index(fields=["state", "flagged_at"], name="sale_flags_queue")]

    def __str__(self):
        return f"{self.sale} · {self.get_state_display()}"

    def explanation(self) -> str:
        """Why the sale is held, with the figures, in the language of the page."""
        if self.reason == FlagReason.VOLUME:
            return _(
                "%(units)d units of this kind at the outlet that day; its usual day is %(usual)s units, and more "
                "than %(threshold)d are held for a reviewer."
            ) % {"units": self.units_that_day, "usual": self.usual_daily_units, "threshold": self.threshold}
        return _("This sale was recorded before sales named a resident's benefit code: check it with the merchant.")

    @transition(field=state, source=S.OPEN, target=S.CLEARED)
    def clear(self):
        pass

    @transition(field=state, source=S.OPEN, target=S.REJECTED)
    def reject(self):
        pass
