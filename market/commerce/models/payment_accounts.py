"""A merchant's Stripe Connect account, into which its online sales and its subsidies are paid."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from market.registry.models import Organization


class PaymentAccount(models.Model):
    """The merchant's connected account. Stripe owns the truth about it; `account.updated` events keep this copy
    current, and an older event never overwrites a newer one."""

    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="payment_account", verbose_name=_("merchant")
    )
    stripe_account_id = models.CharField(_("Stripe account"), max_length=100, unique=True)
    details_submitted = models.BooleanField(_("details submitted"), default=False)
    charges_enabled = models.BooleanField(_("can take payments"), default=False)
    payouts_enabled = models.BooleanField(_("can receive payouts"), default=False)
    requirements_due = models.TextField(_("information Stripe still needs"), blank=True)
    updated_by_event_at = models.DateTimeField(_("last updated by Stripe at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment account")
        verbose_name_plural = _("payment accounts")

    def __str__(self):
        return f"{self.organization} · {self.stripe_account_id}"

    @property
    def ready(self) -> bool:
        """Whether online orders can be paid into it."""
        return self.details_submitted and self.charges_enabled
