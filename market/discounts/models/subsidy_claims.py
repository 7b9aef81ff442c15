"""Subsidy claims: a merchant's claim for the subsidy on its micro-profit sales of a period, one line per sale."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMModelMixin, transition

from market.discounts.models.counter_records import MicroProfitSale
from market.discounts.models.money import MONEY
from market.registry.models import Organization
from market.state_field import StateField


class SubsidyClaimState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CHECKED = "checked", _("Checked")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("decision", "Rejected")
    PAID = "paid", _("Paid")


class SubsidyClaim(FSMModelMixin, models.Model):
    """A merchant's claim for the subsidy on its micro-profit sales of a period; each sale is a line.

    Four eyes: a reviewer (经办人) checks the claim against its records, then an approver (审批人) who did not
    check it approves it and records the payment.
    """

    S = SubsidyClaimState

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="subsidy_claims", verbose_name=_("merchant")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    state = StateField(_("state"), default=S.SUBMITTED, choices=S.choices, protected=True)
    total_subsidy = models.DecimalField(_("subsidy claimed"), **MONEY)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    check_note = models.TextField(_("remarks on the check"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons"), blank=True)
    paid_amount = models.DecimalField(_("amount paid"), **MONEY, null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("payment recorded by"),
    )
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("subsidy claim")
        verbose_name_plural = _("subsidy claims")
        indexes = [models.Index(fields=["organization", "period_start"], name="claims_by_merchant")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="claim_period_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(checked_by__isnull=True) | Q(decided_by__isnull=True) | ~Q(checked_by=F("decided_by")),
                name="claim_checked_and_decided_by_two",
            ),
            models.CheckConstraint(
                condition=Q(checked_by__isnull=True) | Q(paid_by__isnull=True) | ~Q(checked_by=F("paid_by")),
                name="claim_checked_and_paid_by_two",
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.period_start}–{self.period_end}"

    @transition(field=state, source=S.SUBMITTED, target=S.CHECKED)
    def check_records(self):
        pass

    @transition(field=state, source=S.CHECKED, target=S.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.CHECKED], target=S.REJECTED)
    def reject(self):
        pass

    @transition(field=state, source=S.APPROVED, target=S.PAID)
    def pay(self):
        pass


class SubsidyClaimLine(models.Model):
    """One sale in a claim, with the subsidy it carries. A sale is in one live claim at most; a rejected claim
    releases its lines so that the merchant can claim the sales again, correctly.
    """

    claim = models.ForeignKey(SubsidyClaim, on_delete=models.PROTECT, related_name="lines", verbose_name=_("claim"))
    sale = models.ForeignKey(
        MicroProfitSale, on_delete=models.PROTECT, related_name="claim_lines", verbose_name=_("sale")
    )
    subsidy_amount = models.DecimalField(_("subsidy"), **MONEY)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        ordering = ["claim", "sale__sold_at"]
        verbose_name = _("subsidy claim line")
        verbose_name_plural = _("subsidy claim lines")
        constraints = [
            models.UniqueConstraint(fields=["sale"], condition=Q(released_at__isnull=True), name="sale_claimed_once")
        ]

    def __str__(self):
        return f"{self.claim} · {self.sale}"
