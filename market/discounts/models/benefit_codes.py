"""Benefit codes: a resident's personal code, and the failed code entries at counters that pause code entry."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BenefitCode(models.Model):
    """A resident's personal code. See `codes.py`: the QR token and the short code are keyed hashes of a secret
    seed, and only keyed hashes of them are stored, so that a copy of the database cannot be replayed at a counter.
    """

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="benefit_codes", verbose_name=_("resident")
    )
    seed = models.CharField(_("seed"), max_length=64, editable=False)
    token_digest = models.CharField(_("QR token digest"), max_length=64, unique=True, editable=False)
    short_code_digest = models.CharField(_("short code digest"), max_length=64, unique=True, editable=False)
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
