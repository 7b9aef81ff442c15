"""Flexible work (issue 17): listed merchants post hourly, part-time and seasonal jobs at their outlets; residents
apply; the merchant invites, declines or hires.

Names follow schema.org JobPosting where they overlap (title, description, places as totalJobOpenings, the
outlet as jobLocation). The acts that change these records are in `services.py`.
"""

import datetime
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMModelMixin, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from market.places.models import District
from market.private_storage import private_storage
from market.registry.models import Category, ListingStatus, Location, Organization, description_field
from market.state_field import StateField
from market.uploads import check_upload

MONEY = {"max_digits": 8, "decimal_places": 2}
CENT = Decimal("0.01")
# The registered-unemployed group (持就业失业登记证) of market/discounts/migrations/0002_eligibility_groups.py: the
# laid-off and unemployed people the 2006 opinions (section 5) name.
PRIORITY_GROUP_CODES = ("registered-unemployed",)


# ---------------------------------------------------------------- the bureau's settings


@register_setting(icon="date")
class JobsSettings(BaseGenericSetting):
    """What the bureau decides for every job post: the priority window and the city-wide minimum hourly wage."""

    priority_window_hours = models.PositiveSmallIntegerField(
        _("priority window (hours)"),
        default=48,
        validators=[MinValueValidator(0), MaxValueValidator(24 * 30)],
        help_text=_(
            "For this long after a post is published, only residents verified as registered unemployed or "
            "laid-off can apply. 0 opens every post to everyone at once."
        ),
    )
    minimum_hourly_wage = models.DecimalField(
        _("minimum hourly wage for part-time work (yuan)"),
        **MONEY,
        default=Decimal("23.50"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "The city-wide minimum; a district can have its own under “Minimum wages by district”. Pay per day is "
            "divided by the hours of a day to compare."
        ),
    )
    minimum_wage_source = models.CharField(
        _("source of the minimum wage"),
        max_length=300,
        blank=True,
        help_text=_("The notice the figure comes from, shown to merchants beside a refusal."),
    )

    class Meta:
        verbose_name = _("flexible work settings")
        verbose_name_plural = _("flexible work settings")


class DistrictMinimumWage(models.Model):
    """A district's own minimum hourly wage for part-time work, where it differs from the city's."""

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="minimum_wage", verbose_name=_("district")
    )
    hourly_minimum = models.DecimalField(
        _("minimum hourly wage (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["district__code"]
        verbose_name = _("minimum wage of a district")
        verbose_name_plural = _("minimum wages by district")

    def __str__(self):
        return f"{self.district} · ¥{self.hourly_minimum}"


# ---------------------------------------------------------------- job posts


class JobKind(models.TextChoices):
    HOURLY = "hourly", _("Hourly work")
    PART_TIME = "part_time", _("Part-time work")
    SEASONAL = "seasonal", _("Seasonal or short-term work")


class PayUnit(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")


class JobPostState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    TAKEN_DOWN = "taken_down", _("Taken down by the bureau")


class JobPostQuerySet(models.QuerySet):
    def public(self, day: datetime.date):
        """Posts anyone may see on a day: open, not past their end date, of a merchant listed right now (a
        suspended merchant's posts vanish at once, with no event to wait for)."""
        return self.filter(
            state=JobPostState.OPEN,
            ends_on__gte=day,
            organization__listing_status=ListingStatus.ACTIVE,
        )

    def in_priority_window(self, moment: datetime.datetime):
        return self.filter(priority_until__gt=moment)


class JobPost(FSMModelMixin, models.Model):
    """A job at one of a listed merchant's outlets (schema.org JobPosting)."""

    S = JobPostState

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="job_posts", verbose_name=_("merchant")
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="job_posts", verbose_name=_("outlet"))
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="job_posts", verbose_name=_("category")
    )
    title = models.CharField(
        pgettext_lazy("job post", "title"), max_length=120, help_text=_("e.g. Counter assistant, mornings")
    )
    kind = models.CharField(_("kind of work"), max_length=20, choices=JobKind.choices)
    shifts = models.CharField(
        _("hours or shifts"), max_length=200, help_text=_("When the work is done, e.g. Monday to Friday 8:00–12:00.")
    )
    hours_per_day = models.DecimalField(
        _("hours a day"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("12"))],
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("days a week"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    pay_amount = models.DecimalField(_("pay (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    pay_unit = models.CharField(_("paid"), max_length=10, choices=PayUnit.choices, default=PayUnit.HOUR)
    currency = models.CharField(_("currency"), max_length=3, default="CNY", editable=False)
    # Pay per hour, or per day divided by the hours of a day: what the minimum wage, the "pay from" filter and
    # the reports compare.
    hourly_pay = models.DecimalField(_("pay per hour (yuan)"), **MONEY, editable=False)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), help_text=_("The post is no longer shown after this day."))
    places = models.PositiveSmallIntegerField(
        _("number of places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    description = description_field(_("what the work involves"), blank=False)
    training_given = models.BooleanField(_("training is given"), default=False)
    state = StateField(_("state"), default=S.OPEN, choices=S.choices, protected=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    published_at = models.DateTimeField(_("published at"))
    # Fixed when the post is published, so that a later change of the setting does not move a running window.
    priority_until = models.DateTimeField(_("open to registered unemployed residents only until"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    taken_down_at = models.DateTimeField(_("taken down at"), null=True, blank=True)
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taken down by"),
    )
    take_down_reason = models.TextField(_("reason for taking it down"), blank=True)

    objects = JobPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("job post")
        verbose_name_plural = _("job posts")
        indexes = [
            models.Index(fields=["state", "ends_on", "published_at"], name="job_posts_public"),
            models.Index(fields=["organization", "state"], name="job_posts_by_merchant"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="job_ends_after_it_starts"),
            models.CheckConstraint(condition=Q(places__gte=1), name="job_has_a_place"),
            models.CheckConstraint(condition=Q(pay_amount__gt=0), name="job_pay_positive"),
            models.CheckConstraint(condition=Q(hours_per_day__gt=0), name="job_hours_positive"),
            models.CheckConstraint(condition=Q(days_per_week__gte=1, days_per_week__lte=7), name="job_days_in_a_week"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.hourly_pay = hourly_equivalent(self.pay_amount, self.pay_unit, self.hours_per_day)
        super().save(*args, **kwargs)

    @property
    def hours_per_week(self) -> Decimal:
        return self.hours_per_day * self.days_per_week

    def in_priority_window(self, moment: datetime.datetime) -> bool:
        return moment < self.priority_until

    def is_expired(self, day: datetime.date) -> bool:
        return self.ends_on < day

    @transition(field=state, source=S.OPEN, target=S.CLOSED)
    def close(self):
        pass

    @transition(field=state, source=[S.OPEN, S.CLOSED], target=S.TAKEN_DOWN)
    def take_down(self):
        pass


def hourly_equivalent(amount, unit, hours_per_day) -> Decimal:
    amount = Decimal(amount or 0)
    if unit == PayUnit.DAY:
        hours = Decimal(hours_per_day or 0)
        amount = amount / hours if hours else Decimal(0)
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- applications


class JobApplicationState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("job application", "Sent")
    INVITED = "invited", _("Invited")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", pgettext_lazy("job application", "Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Post taken down")


PENDING_STATES = (JobApplicationState.SUBMITTED, JobApplicationState.INVITED)


def validate_cv_file(upload) -> None:
    check_upload(upload)


def cv_file_path(application: "JobApplication", filename: str) -> str:
    """A random name: nothing about the resident or the original file name is in the path."""
    suffix = PurePath(filename).suffix.lower()
    return f"job-applications/{uuid.uuid4().hex}{suffix}"


class JobApplication(FSMModelMixin, models.Model):
    """A resident's application to a post with a short profile. Only the resident and the post's merchant see it."""

    S = JobApplicationState

    post = models.ForeignKey(JobPost, on_delete=models.PROTECT, related_name="applications", verbose_name=_("post"))
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="job_applications",
        verbose_name=_("resident"),
    )
    full_name = models.CharField(_("full name"), max_length=100)
    phone = models.CharField(_("mobile phone"), max_length=20)
    availability = models.CharField(
        _("when you can work"), max_length=300, help_text=_("e.g. weekday mornings; from 1 April")
    )
    experience = models.TextField(
        _("your experience"), max_length=2000, blank=True, help_text=_("Work you have done that fits this job.")
    )
    cv = models.FileField(
        _("CV"),
        storage=private_storage,
        upload_to=cv_file_path,
        validators=[validate_cv_file],
        blank=True,
    )
    # Snapshot at the moment of applying: the bureau's share of hires that went to the people the policy names
    # must not change when an eligibility later ends.
    priority_applicant = models.BooleanField(_("verified registered unemployed when applying"), default=False)
    state = StateField(_("state"), default=S.SUBMITTED, choices=S.choices, protected=True)
    merchant_message = models.TextField(_("message from the merchant"), blank=True)
    applied_at = models.DateTimeField(_("applied at"))
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    hired_at = models.DateTimeField(_("hired at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("job application")
        verbose_name_plural = _("job applications")
        indexes = [
            models.Index(fields=["post", "state"], name="job_applications_by_post"),
            models.Index(fields=["resident", "applied_at"], name="job_applications_by_resident"),
        ]
        constraints = [
            # One live application per resident and post; after withdrawing (or a take-down) they may apply again.
            models.UniqueConstraint(
                fields=["post", "resident"],
                condition=~Q(state__in=["withdrawn", "ended"]),
                name="one_live_application_per_post",
            )
        ]

    def __str__(self):
        return f"{self.post} · {self.full_name}"

    @property
    def is_pending(self) -> bool:
        return self.state in PENDING_STATES

    @transition(field=state, source=S.SUBMITTED, target=S.INVITED)
    def invite(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.INVITED], target=S.HIRED)
    def hire(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.INVITED], target=S.DECLINED)
    def decline(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.INVITED], target=S.WITHDRAWN)
    def withdraw(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.INVITED], target=S.ENDED)
    def end(self):
        pass
