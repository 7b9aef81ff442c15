"""Eligibility: the groups the policy names, residents' applications to belong to one (with proof), and the
recognised memberships that come of them, with the renewal reminders sent for each.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMModelMixin, transition

from market.discounts.uploads import validate_proof_file
from market.encryption import EncryptedTextField
from market.names import BilingualName
from market.private_storage import private_storage
from market.state_field import StateField


class EligibilityGroup(BilingualName):
    """A group of residents the policy names, e.g. registered unemployed (持就业失业登记证). Administrators edit."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    proof_required = models.BooleanField(_("proof required"), default=True)
    derivable_from_birth_date = models.BooleanField(
        _("by age"),
        default=False,
        help_text=_(
            "Membership follows from the date of birth in the resident's ID number (e.g. the elderly). A reviewer "
            "still checks the ID card image against the number, unless automatic verification is on."
        ),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, help_text=_("For groups by age.")
    )
    verify_automatically = models.BooleanField(
        _("verify automatically"),
        default=False,
        help_text=_(
            "For a group by age only: verify an application at once, with no proof and no reviewer, when the ID "
            "number shows the minimum age. Off by default: a reviewer matches the ID card image to the number."
        ),
    )
    default_validity_months = models.PositiveSmallIntegerField(_("valid for (months)"), default=12)
    active = models.BooleanField(_("open for applications"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("eligibility group")
        verbose_name_plural = _("eligibility groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(derivable_from_birth_date=False) | Q(minimum_age__isnull=False),
                name="birth_date_groups_name_their_age",
            ),
            models.CheckConstraint(
                condition=Q(verify_automatically=False) | Q(derivable_from_birth_date=True),
                name="only_age_groups_verify_automatically",
            ),
        ]

    @property
    def display_description(self) -> str:
        """The description in the language of the current request, falling back to Chinese (as `display_name`)."""
        if (get_language() or "").startswith("en") and self.description_en:
            return self.description_en
        return self.description


class EligibilityApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EligibilityApplication(FSMModelMixin, models.Model):
    """A resident's application to be recognised as a member of a group, with proof."""

    S = EligibilityApplicationState

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="eligibility_applications",
        verbose_name=_("resident"),
    )
    group = models.ForeignKey(
        EligibilityGroup,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=pgettext_lazy("eligibility", "group"),
    )
    real_name = models.CharField(_("name on the ID card"), max_length=100, blank=True)
    id_number = EncryptedTextField(
        _("ID number"), blank=True, help_text=_("居民身份证号, stored encrypted; shown masked but to the reviewer.")
    )
    id_number_digest = models.CharField(_("ID number (keyed hash)"), max_length=64, blank=True, editable=False)
    id_number_masked = models.CharField(_("ID number (masked)"), max_length=18, blank=True, editable=False)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, help_text=_("As the ID number gives it.")
    )
    state = StateField(_("state"), default=S.SUBMITTED, choices=S.choices, protected=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verified or declined by"),
        help_text=_("Empty where the group verifies automatically by age."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("eligibility application")
        verbose_name_plural = _("eligibility applications")
        indexes = [
            models.Index(fields=["state", "submitted_at"], name="eligibility_review_queue"),
            models.Index(fields=["id_number_digest"], name="eligibility_by_id_number"),
        ]

    def __str__(self):
        return f"{self.group} · {self.get_state_display()}"

    @transition(field=state, source=S.SUBMITTED, target=S.VERIFIED)
    def verify(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.DECLINED)
    def decline(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.WITHDRAWN)
    def withdraw(self):
        pass


def proof_file_path(proof: "EligibilityProof", filename: str) -> str:
    """A random name: nothing about the resident or the original file name is in the path."""
    suffix = PurePath(filename).suffix.lower()
    return f"eligibility/{uuid.uuid4().hex}{suffix}"


class EligibilityProof(models.Model):
    application = models.ForeignKey(
        EligibilityApplication, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("application")
    )
    file = models.FileField(
        _("proof"), storage=private_storage, upload_to=proof_file_path, validators=[validate_proof_file]
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["application", "uploaded_at"]
        verbose_name = _("proof of eligibility")
        verbose_name_plural = _("proofs of eligibility")

    def __str__(self):
        return PurePath(self.file.name).name


class EligibilityQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(revoked_at__isnull=True, valid_from__lte=day, valid_until__gte=day)


class Eligibility(models.Model):
    """A resident's recognised membership of a group, for a time; revoked early if it was wrongly granted."""

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="eligibilities", verbose_name=_("resident")
    )
    group = models.ForeignKey(
        EligibilityGroup,
        on_delete=models.PROTECT,
        related_name="eligibilities",
        verbose_name=pgettext_lazy("eligibility", "group"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    source_application = models.OneToOneField(
        EligibilityApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="eligibility",
        verbose_name=_("application"),
    )
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

    objects = EligibilityQuerySet.as_manager()

    class Meta:
        ordering = ["resident", "-valid_until"]
        verbose_name = _("eligibility")
        verbose_name_plural = _("eligibilities")
        indexes = [models.Index(fields=["resident", "valid_until"], name="eligibility_by_resident")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="eligibility_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return f"{self.group} · {self.valid_from}–{self.valid_until}"


class EligibilityReminder(models.Model):
    """A renewal reminder sent, so that each is sent once."""

    eligibility = models.ForeignKey(Eligibility, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField(_("days before the end"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("eligibility renewal reminder")
        verbose_name_plural = _("eligibility renewal reminders")
        constraints = [
            models.UniqueConstraint(fields=["eligibility", "days_before"], name="one_reminder_per_eligibility_day")
        ]

    def __str__(self):
        return f"{self.eligibility} · {self.days_before}"
