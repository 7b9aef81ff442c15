"""Benefit codes: a resident's personal code and the ways to present it at a counter (the rotating QR code on
the phone, a one-time code to type, a printed card), every use of them, and the failed code entries that pause
code entry. How the codes are made and checked is in `market/discounts/codes.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from market.encryption import EncryptedTextField
from market.records import AppendOnlyRecord
from market.registry.models import Location, Organization


class CodeKind(models.TextChoices):
    QR = "qr", _("QR code on the phone")
    TYPED = "typed", _("one-time typed code")
    CARD = "card", _("printed card")


class CodePurpose(models.TextChoices):
    LOOKUP = "lookup", _("checked at the counter")
    REDEMPTION = "redemption", _("offer redeemed")
    SALE = "sale", _("micro-profit sale")


class BenefitCode(models.Model):
    """A resident's personal code. Its secret (encrypted at rest) drives the QR code, which changes every 30
    seconds (RFC 6238); the QR names the code by an identifier of which only a keyed hash is stored. A typed code
    is a `OneTimeCode` of it, a printed card a `BenefitCard` of its holder.
    """

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="benefit_codes", verbose_name=_("resident")
    )
    secret = EncryptedTextField(_("secret"), editable=False)
    qr_id_digest = models.CharField(_("QR identifier digest"), max_length=64, unique=True, editable=False)
    qr_last_step = models.BigIntegerField(
        _("last QR time step used"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("A QR code records one sale or redemption: the same one shown again is refused."),
    )
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["resident", "-issued_at"]
        verbose_name = _("benefit code")
        verbose_name_plural = _("benefit codes")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=Q(revoked_at__isnull=True), name="one_active_benefit_code"
            )
        ]

    def __str__(self):
        return f"{self.resident} · {self.issued_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class OneTimeCode(models.Model):
    """A code to type at a counter, issued on the resident's request: valid ten minutes, for one record."""

    benefit_code = models.ForeignKey(
        BenefitCode, on_delete=models.PROTECT, related_name="one_time_codes", verbose_name=_("benefit code")
    )
    code_digest = models.CharField(_("code digest"), max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("used by (counter staff)"),
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["benefit_code", "issued_at"], name="one_time_codes_by_code")]

    def __str__(self):
        return f"{self.benefit_code} · {self.issued_at:%Y-%m-%d %H:%M}"


class BenefitCard(models.Model):
    """A printed card for a resident without a phone, issued and revoked by an administrator. Its number does not
    change, so every use is logged (`CodeUse`) for the bureau to see."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="benefit_cards", verbose_name=_("resident")
    )
    number_digest = models.CharField(_("card number digest"), max_length=64, unique=True, editable=False)
    number_end = models.CharField(_("card number ends"), max_length=4, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("benefit card")
        verbose_name_plural = _("benefit cards")
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=Q(revoked_at__isnull=True), name="one_active_benefit_card"
            )
        ]

    def __str__(self):
        return f"…{self.number_end} · {self.issued_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CodeUse(AppendOnlyRecord):
    """A benefit code presented at a counter and accepted: checked, or used for a redemption or a sale."""

    benefit_code = models.ForeignKey(
        BenefitCode, on_delete=models.PROTECT, related_name="uses", verbose_name=_("benefit code")
    )
    kind = models.CharField(_("presented as"), max_length=10, choices=CodeKind.choices)
    card = models.ForeignKey(
        BenefitCard, null=True, blank=True, on_delete=models.PROTECT, related_name="uses", verbose_name=_("card")
    )
    one_time_code = models.ForeignKey(
        OneTimeCode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uses",
        verbose_name=_("one-time code"),
    )
    purpose = models.CharField(_("for"), max_length=20, choices=CodePurpose.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("merchant")
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("outlet")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("use of a benefit code")
        verbose_name_plural = _("uses of benefit codes")
        indexes = [
            models.Index(fields=["benefit_code", "at"], name="code_uses_by_code"),
            models.Index(fields=["card", "at"], name="code_uses_by_card"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.get_purpose_display()} · {self.at:%Y-%m-%d %H:%M}"


class CodeLookupFailure(models.Model):
    """A code entered at a counter that matched no active code; recent ones pause code entry (see codes.py)."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("merchant account")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("failed code entry")
        verbose_name_plural = _("failed code entries")
        indexes = [
            models.Index(fields=["account", "at"], name="lookup_failures_by_account"),
            models.Index(fields=["ip_address", "at"], name="lookup_failures_by_address"),
        ]

    def __str__(self):
        return f"{self.account} · {self.at:%Y-%m-%d %H:%M}"
