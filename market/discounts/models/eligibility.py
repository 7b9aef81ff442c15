"""Eligibility: the groups the policy names, residents' applications to belong to one (with proof), and the
recognised memberships that come of them, with the renewal reminders sent for each.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from market.discounts.uploads import validate_proof_file
from market.names import BilingualName
from market.private_storage import private_storage


class EligibilityGroup(BilingualName):
    """A group of residents the policy names, e.g. registered unemployed (持就业失业登记证). Administrators edit."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    description = models.TextField(_("description"), blank=True)
    proof_required = models.BooleanField(_("proof required"), default=True)
    derivable_from_birth_date = models.BooleanField(
        _("derivable from date of birth"),
        default=False,
        help_text=_("The bureau accepts a date of birth instead of a document (e.g. the elderly)."),
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, help_text=_("For groups derived from the date of birth.")
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
            )
        ]


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
        EligibilityGroup, on_delete=models.PROTECT, related_name="applications", verbose_name=_("group")
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    state = FSMField(_("state"), default=S.SUBMITTED, choices=S.choices, protected=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verified or declined by"),
        help_text=_("Empty where the date of birth decided."),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("eligibility application")
        verbose_name_plural = _("eligibility applications")
        indexes = [models.Index(fields=["state", "submitted_at"], name="eligibility_review_queue")]

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
        EligibilityGroup, on_delete=models.PROTECT, related_name="eligibilities", verbose_name=_("group")
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
