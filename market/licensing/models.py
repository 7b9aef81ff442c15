"""Licences, applications for a listing and their audit trail (行政许可法 practice).

The state of an application changes only through the transition methods below, called by the acts in
the `services` package, which check who may act, lock the row and write the audit event.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMModelMixin, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from market.names import BilingualName
from market.private_storage import private_storage
from market.records import AppendOnlyRecord, AuditEvent
from market.registry.models import Category, ListingStatus, Organization
from market.state_field import StateField

DEFAULT_PUBLIC_NOTICE_WORKING_DAYS = 5


class CalendarDayKind(models.TextChoices):
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    MAKE_UP_WORKING_DAY = "make_up_working_day", _("Make-up working day")


class CalendarSource(models.TextChoices):
    PUBLISHED = "published", _("Published calendar (chinesecalendar package)")
    ADMINISTRATOR = "administrator", _("Entered by an administrator")


class CalendarDay(models.Model):
    """An exception to the Monday-to-Friday week: a statutory holiday, or a weekend day worked (调休上班).

    The published days are seeded and refreshed from the maintained `chinesecalendar` package
    (`manage.py refresh_holiday_calendar`); a day an administrator enters or edits is theirs and a refresh
    leaves it as it is. To make a published holiday a working day, change its kind rather than delete it.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=CalendarDayKind.choices,
        help_text=_("To make a published holiday a working day, change it to a make-up working day."),
    )
    name = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=CalendarSource.choices, default=CalendarSource.ADMINISTRATOR
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday calendar")

    def __str__(self):
        return f"{self.date} {self.name}"


class HolidayCalendarYear(models.Model):
    """A year whose holiday calendar is complete. The clocks refuse to count a day of a year without one rather
    than guess that its holidays are working days.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(
        _("source"), max_length=20, choices=CalendarSource.choices, default=CalendarSource.ADMINISTRATOR
    )
    reference = models.CharField(
        _("published notice"),
        max_length=200,
        blank=True,
        help_text=_("The State Council General Office notice the days come from."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday calendar year")
        verbose_name_plural = _("holiday calendar years")

    def __str__(self):
        return str(self.year)


DEFAULT_CHANGE_NOTICE_WORKING_DAYS = 3


class CategoryReviewPolicy(models.Model):
    """How applications of one category are reviewed. Public notice (公示) is local practice, not statute."""

    category = models.OneToOneField(
        Category, on_delete=models.CASCADE, related_name="review_policy", verbose_name=_("category")
    )
    public_notice_working_days = models.PositiveSmallIntegerField(
        _("public notice (working days)"),
        default=DEFAULT_PUBLIC_NOTICE_WORKING_DAYS,
        help_text=_("0 approves without a public notice."),
    )
    change_notice_working_days = models.PositiveSmallIntegerField(
        _("public notice of a change (working days)"),
        default=DEFAULT_CHANGE_NOTICE_WORKING_DAYS,
        help_text=_("For a listed merchant's change application (new or closed outlet, new address or name)."),
    )
    notice_stops_decision_clock = models.BooleanField(
        _("public notice stops the decision clock"),
        default=False,
        help_text=_(
            "Where local rules say so, the working days of the public notice do not count towards the 20 "
            "working days of the decision. The applicant is told with the deadline."
        ),
    )

    class Meta:
        verbose_name = _("category review policy")
        verbose_name_plural = _("category review policies")

    def __str__(self):
        return str(self.category)


class LicenceType(BilingualName):
    """A licence a merchant must hold, e.g. 营业执照 or 食品经营许可证."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    issuing_authority = models.CharField(_("usual issuing authority"), max_length=200, blank=True)
    required_for_categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="required_licence_types",
        verbose_name=_("required for categories"),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    fee_amount = models.DecimalField(
        _("fee (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_("Licensing is free (Art. 58) unless a law or administrative regulation provides a fee."),
    )
    fee_legal_basis = models.CharField(_("legal basis of the fee"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("licence type")
        verbose_name_plural = _("licence types")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fee_amount=0) | ~models.Q(fee_legal_basis=""),
                name="licence_fee_names_its_legal_basis",
            )
        ]


def licence_file_path(licence: "Licence", filename: str) -> str:
    """One folder per merchant; a random name so that nothing is guessable or leaks the original name."""
    suffix = PurePath(filename).suffix.lower()
    return f"licences/{licence.organization_id}/{uuid.uuid4().hex}{suffix}"


class LicenceQuerySet(models.QuerySet):
    def current(self):
        """Licences not replaced by a later scan (a replacement sent with a correction supersedes its original)."""
        return self.filter(superseded_by__isnull=True)

    def in_force(self, on):
        """Licences valid on a date that are on record: not carried by an application still undecided, and not
        superseded."""
        return (
            self.current()
            .filter(
                models.Q(application__isnull=True) | models.Q(application__state=ApplicationState.APPROVED),
                valid_from__lte=on,
            )
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on))
        )


class Licence(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="licences", verbose_name=_("merchant")
    )
    application = models.ForeignKey(
        "Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licences",
        verbose_name=_("application"),
        help_text=_("The application that brought the licence; it is on record once that is approved."),
    )
    licence_type = models.ForeignKey(
        LicenceType, on_delete=models.PROTECT, related_name="licences", verbose_name=_("type")
    )
    number = models.CharField(_("number"), max_length=100)
    issuing_authority = models.CharField(_("issuing authority"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty for no end (长期)."))
    file = models.FileField(_("scanned licence"), storage=private_storage, upload_to=licence_file_path)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        verbose_name=_("superseded by"),
        help_text=_("The replacement sent with a correction; the superseded scan is kept for the audit trail."),
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "licence_type", "-valid_from"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="licence_valid_to_after_valid_from",
            )
        ]

    def __str__(self):
        return f"{self.licence_type} {self.number}"


class LicenceReminder(models.Model):
    """An expiry reminder sent, so that each is sent once."""

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField(_("days before expiry"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("licence expiry reminder")
        verbose_name_plural = _("licence expiry reminders")
        constraints = [
            models.UniqueConstraint(fields=["licence", "days_before"], name="one_reminder_per_licence_and_day")
        ]

    def __str__(self):
        return f"{self.licence} · {self.days_before}"


class ApplicationKind(models.TextChoices):
    NEW = "new", _("New listing")
    RENEWAL = "renewal", _("Renewal")
    CHANGE = "change", pgettext_lazy("alteration", "Change")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    NEEDS_INFORMATION = "needs_information", _("More information needed")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")
    UNDER_REVIEW = "under_review", _("Under review")
    PUBLIC_NOTICE = "public_notice", _("Public notice")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("decision", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class FeeWaiver(models.TextChoices):
    """Why a fee the schedule provides is not charged: the bureau's waivers, fixed on the application."""

    LAID_OFF_FOUNDERS = "laid_off_founders", _("Waived: a business founded by laid-off workers")
    NONPROFIT_COMMUNITY = "nonprofit_community", _("Waived: a non-profit community organisation")


class LicensingFee(models.Model):
    """One line of the fee schedule. Licensing is free (Administrative Licensing Law, Art. 58): a line above zero
    must name the law or administrative regulation and article that provides the fee, and the day it applies from.

    A line applies to one category or to every one (empty), and to one kind of application or to every kind
    (empty). For an application the most specific line in force wins (category and kind before category before
    kind before neither), the newest of equally specific ones; with no line the fee is zero. An application of a
    merchant in several categories pays the highest of their fees, once. Lines are not deleted: a line of zero
    from a later date ends a fee.
    """

    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licensing_fees",
        verbose_name=_("category"),
        help_text=_("Empty: every category."),
    )
    kind = models.CharField(
        _("kind of application"),
        max_length=20,
        choices=ApplicationKind.choices,
        blank=True,
        help_text=_("Empty: every kind (new listing, renewal, change)."),
    )
    amount = models.DecimalField(
        _("fee (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Licensing is free (Art. 58): leave it at zero unless a law or administrative regulation provides a fee."
        ),
    )
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_(
            "The law or administrative regulation and the article that provide the fee, e.g. "
            "“《……条例》第十二条”. Required for a fee above zero."
        ),
    )
    effective_from = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Required for a fee above zero.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["category__code", "kind", "-effective_from"]
        verbose_name = _("licensing fee")
        verbose_name_plural = _("licensing fee schedule")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="licensing_fee_not_negative"),
            models.CheckConstraint(
                condition=models.Q(amount=0) | (~models.Q(legal_basis="") & models.Q(effective_from__isnull=False)),
                name="licensing_fee_names_its_legal_basis",
            ),
        ]

    def __str__(self):
        scope = " · ".join(
            [
                str(self.category) if self.category_id else str(_("every category")),
                self.get_kind_display() if self.kind else str(_("every kind")),
            ]
        )
        return f"{scope} · ¥{self.amount}"

    def clean(self):
        super().clean()
        if self.amount and self.amount > 0:
            errors = {}
            if not self.legal_basis.strip():
                errors["legal_basis"] = _(
                    "Licensing is free by law (Art. 58 of the Administrative Licensing Law): a fee needs the law "
                    "or administrative regulation and the article that provide it."
                )
            if self.effective_from is None:
                errors["effective_from"] = _("Say from which day the fee applies.")
            if errors:
                raise ValidationError(errors)


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", pgettext_lazy("decision", "Reject")


S = ApplicationState
AWAITING_ACCEPTANCE = [S.SUBMITTED, S.RESUBMITTED]
IN_DECISION_STAGE = [S.ACCEPTED, S.UNDER_REVIEW, S.PUBLIC_NOTICE]
UNDECIDED = [S.SUBMITTED, S.NEEDS_INFORMATION, S.RESUBMITTED, *IN_DECISION_STAGE]
FINAL_STATES = [S.APPROVED, S.REJECTED, S.WITHDRAWN, S.NOT_ACCEPTED]


class ApplicationQuerySet(models.QuerySet):
    def undecided(self):
        return self.filter(state__in=UNDECIDED)


class Application(FSMModelMixin, models.Model):
    """An application for a listing (new), its renewal, or a change to a listed merchant's record."""

    kind = models.CharField(_("kind"), max_length=20, choices=ApplicationKind.choices, default=ApplicationKind.NEW)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="licensing_applications",
        verbose_name=_("applicant"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applications", verbose_name=_("merchant")
    )
    renewed_licence = models.ForeignKey(
        Licence,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal_applications",
        verbose_name=_("licence renewed"),
    )
    proposed_changes = models.JSONField(
        _("proposed changes"),
        default=dict,
        blank=True,
        help_text=_("For a change application: the new legal names and category codes."),
    )
    state = StateField(_("state"), default=S.DRAFT, choices=ApplicationState.choices, protected=True)
    case_number = models.CharField(
        _("case number"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Issued when the application is received, e.g. 宁商社服〔2026〕第0042号."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_licensing_applications",
        verbose_name=_("reviewer assigned"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(
        _("complete material received at"),
        null=True,
        blank=True,
        help_text=_("Submission or resubmission: the acceptance clock runs from here."),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by_law = models.BooleanField(
        _("accepted by law"), default=False, help_text=_("Not acted on within 5 working days (Art. 32).")
    )
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    recommendation_note = models.TextField(_("recommendation note"), blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recommended by"),
    )
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    extended_at = models.DateTimeField(_("decision period extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    notice_starts_on = models.DateField(_("public notice starts"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice ends"), null=True, blank=True)
    notice_closed_at = models.DateTimeField(_("public notice closed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    remedies_statement = models.TextField(
        _("rights of review"),
        blank=True,
        help_text=_("The applicant's right to reconsideration or litigation, as stated with a rejection."),
    )
    decision_published_at = models.DateTimeField(_("decision published at"), null=True, blank=True)
    # The fee, fixed at submission from the schedule then in force: a later change of the schedule leaves it.
    fee_amount = models.DecimalField(
        _("fee due (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Fixed at submission; empty for a draft."),
    )
    fee_scheduled = models.DecimalField(
        _("fee in the schedule (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Before any waiver."),
    )
    fee_legal_basis = models.TextField(_("legal basis of the fee"), blank=True)
    fee_effective_from = models.DateField(_("fee in force from"), null=True, blank=True)
    fee_waiver = models.CharField(_("fee waiver"), max_length=30, choices=FeeWaiver.choices, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.organization} · {self.get_state_display()}"

    @property
    def extension_used(self) -> bool:
        return self.extended_at is not None

    @property
    def is_decided(self) -> bool:
        return self.state in (S.APPROVED, S.REJECTED)

    def _policies(self) -> list:
        """The review policy of each of the merchant's categories (None where none is set)."""
        categories = list(self.organization.categories.select_related("review_policy"))
        return [getattr(category, "review_policy", None) for category in categories]

    def public_notice_working_days(self) -> int:
        """The longest notice any of the merchant's categories asks for; the default where none is set. A change
        application has the categories' (shorter) change notice.
        """
        policies = self._policies() or [None]
        if self.kind == ApplicationKind.CHANGE:
            return max(
                policy.change_notice_working_days if policy else DEFAULT_CHANGE_NOTICE_WORKING_DAYS
                for policy in policies
            )
        return max(
            policy.public_notice_working_days if policy else DEFAULT_PUBLIC_NOTICE_WORKING_DAYS for policy in policies
        )

    def notice_stops_decision_clock(self) -> bool:
        """Whether the notice's working days leave the decision clock alone: only where every category says so."""
        policies = self._policies()
        return bool(policies) and all(policy is not None and policy.notice_stops_decision_clock for policy in policies)

    # Transitions: the state machine only. Who may act and what else changes is in the services package.
    @transition(field=state, source=S.DRAFT, target=S.SUBMITTED)
    def submit(self):
        pass

    @transition(field=state, source=AWAITING_ACCEPTANCE, target=S.NEEDS_INFORMATION)
    def ask_for_supplement(self):
        pass

    @transition(field=state, source=S.NEEDS_INFORMATION, target=S.RESUBMITTED)
    def resubmit(self):
        pass

    @transition(field=state, source=AWAITING_ACCEPTANCE, target=S.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=AWAITING_ACCEPTANCE, target=S.NOT_ACCEPTED)
    def refuse_to_accept(self):
        """Art. 32: the application is outside the bureau's remit or not for licensing; a written decision says why."""

    @transition(field=state, source=S.ACCEPTED, target=S.UNDER_REVIEW)
    def start_review(self):
        pass

    @transition(field=state, source=S.UNDER_REVIEW, target=S.PUBLIC_NOTICE)
    def open_notice(self):
        pass

    @transition(field=state, source=[S.UNDER_REVIEW, S.PUBLIC_NOTICE], target=S.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=IN_DECISION_STAGE, target=S.REJECTED)
    def reject(self):
        pass

    @transition(field=state, source=[S.DRAFT, *UNDECIDED], target=S.WITHDRAWN)
    def withdraw(self):
        pass

    @transition(field=state, source=UNDECIDED, target=S.APPROVED)
    def grant_by_law(self):
        """Art. 50: a renewal the bureau has not decided when the old licence expires counts as granted."""


class EventAction(models.TextChoices):
    """What an audit event records; the labels are the merchant's and staff's timeline."""

    CREATED = "created", _("Application started")
    SUBMITTED = "submitted", _("Submitted")
    INFORMATION_REQUESTED = "information_requested", _("More information requested")
    INFORMATION_SUPPLIED = "information_supplied", _("Information supplied")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_BY_LAW = "accepted_by_law", _("Accepted by law (not acted on within 5 working days)")
    ASSIGNED = "assigned", _("Assigned to a reviewer")
    REVIEW_STARTED = "review_started", _("Review started")
    RECOMMENDED_APPROVAL = "recommended_approval", _("Approval recommended")
    RECOMMENDED_REJECTION = "recommended_rejection", _("Rejection recommended")
    NOTICE_OPENED = "notice_opened", _("Public notice opened")
    NOTICE_CLOSED = "notice_closed", _("Public notice closed")
    OBJECTION_RECORDED = "objection_recorded", _("Objection received")
    OBJECTION_ANSWERED = "objection_answered", _("Objection answered")
    EXTENDED = "extended", _("Decision period extended by 10 working days")
    CLOCK_PAUSED = "clock_paused", _("Decision clock paused")
    CLOCK_RESUMED = "clock_resumed", _("Decision clock resumed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("decision", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    GRANTED_BY_LAW = "granted_by_law", _("Renewal granted by law (not decided before expiry)")
    DECISION_PUBLISHED = "decision_published", _("Decision published")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    CORRECTED = "corrected", _("Application corrected")
    LICENCE_SUPERSEDED = "licence_superseded", _("Licence scan replaced")
    DOCUMENT_ISSUED = "document_issued", _("Written document issued")


class ListingAction(models.TextChoices):
    LISTED = "listed", _("Listed")
    SUSPENDED = "suspended", _("Suspended")
    REINSTATED = "reinstated", _("Reinstated")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    CHANGED = "changed", _("Register entry changed")


class InformationRequest(models.Model):
    """A request for more material (补正), listing everything missing at once (一次性告知)."""

    class Stage(models.TextChoices):
        ACCEPTANCE = "acceptance", _("Before acceptance")
        REVIEW = "review", _("During review")

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("application"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    missing_items = models.JSONField(_("missing items"), help_text=_("Every item the applicant must supply."))
    corrections = models.JSONField(
        _("what the applicant may correct"),
        default=dict,
        blank=True,
        help_text=_(
            'The merchant\'s fields ("fields"), outlets ("outlets", by id) and licence scans ("licences", by id) '
            "the applicant is asked to correct; only these are editable in the portal while the request is open."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("information request", "requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["application", "requested_at"]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self):
        return f"{self.application} · {self.requested_at:%Y-%m-%d}"


class PauseReason(models.TextChoices):
    WAITING_FOR_APPLICANT = "waiting_for_applicant", _("Waiting for the applicant")
    INSPECTION = "inspection", _("On-site inspection")
    HEARING = "hearing", _("Hearing")
    EXPERT_REVIEW = "expert_review", _("Expert review")


class ClockPause(models.Model):
    """Time that does not count towards the decision (Art. 45, and time waiting for the applicant)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="clock_pauses", verbose_name=_("application")
    )
    reason = models.CharField(_("reason"), max_length=30, choices=PauseReason.choices)
    information_request = models.OneToOneField(
        InformationRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_pause",
        verbose_name=_("request for information"),
    )
    started_at = models.DateTimeField(pgettext_lazy("clock pause", "started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    applicant_told_in_writing = models.BooleanField(_("applicant told in writing"), default=False)
    written_notice = models.TextField(_("what the applicant was told"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )

    class Meta:
        ordering = ["application", "started_at"]
        verbose_name = _("clock pause")
        verbose_name_plural = _("clock pauses")

    def __str__(self):
        return f"{self.get_reason_display()} · {self.started_at:%Y-%m-%d}"


class Objection(models.Model):
    """An objection to a public notice; it must be answered before the application can be approved."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="objections", verbose_name=_("application")
    )
    objector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="licensing_objections",
        verbose_name=_("objector"),
    )
    text = models.TextField(_("objection"))
    submitted_at = models.DateTimeField(_("submitted at"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        ordering = ["application", "submitted_at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return f"{self.application} · {self.submitted_at:%Y-%m-%d}"


class ApplicationEvent(AuditEvent):
    """The audit trail of an application: who did what, when, from which state to which, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="events", verbose_name=_("application")
    )
    action = models.CharField(_("action"), max_length=50, choices=EventAction.choices)
    from_state = models.CharField(_("from state"), max_length=20, choices=ApplicationState.choices)
    to_state = models.CharField(_("to state"), max_length=20, choices=ApplicationState.choices)
    visible_to_applicant = models.BooleanField(_("visible to the applicant"), default=True)

    class Meta:
        ordering = ["application", "at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")


class ListingEvent(AuditEvent):
    """The audit trail of a merchant's public listing: listed, suspended, reinstated, revoked, expired."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="listing_events", verbose_name=_("merchant")
    )
    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listing_events",
        verbose_name=_("application"),
    )
    action = models.CharField(_("action"), max_length=50, choices=ListingAction.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=ListingStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=ListingStatus.choices)
    visible_to_merchant = models.BooleanField(_("visible to the merchant"), default=True)

    class Meta:
        ordering = ["organization", "at", "pk"]
        verbose_name = _("listing event")
        verbose_name_plural = _("listing events")


class DocumentKind(models.TextChoices):
    """The written documents of the Administrative Licensing Law, and the listing certificate."""

    ACCEPTANCE = "acceptance", _("Notice of acceptance (受理通知书)")
    CORRECTION = "correction", _("Notice to supplement material (补正材料通知书)")
    NON_ACCEPTANCE = "non_acceptance", _("Decision not to accept (不予受理决定书)")
    EXTENSION = "extension", _("Notice of extension (延期通知书)")
    APPROVAL = "approval", _("Decision to grant (准予行政许可决定书)")
    REJECTION = "rejection", _("Decision to refuse (不予行政许可决定书)")
    CERTIFICATE = "certificate", _("Listing certificate (登记证书)")


def document_file_path(document: "OfficialDocument", filename: str) -> str:
    return f"documents/{document.application_id}/{uuid.uuid4().hex}.pdf"


class OfficialDocument(AppendOnlyRecord):
    """A written document issued on an application: generated once, never overwritten. A corrected document is a
    new record with the next version; the SHA-256 of the file is in the audit trail.
    """

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="documents", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    number = models.CharField(_("document number"), max_length=80, unique=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=document_file_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["application", "issued_at", "pk"]
        verbose_name = _("written document")
        verbose_name_plural = _("written documents")
        constraints = [models.UniqueConstraint(fields=["application", "kind", "version"], name="one_document_version")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class CaseNumberSequence(models.Model):
    """The last case number issued in a year, locked while the next is taken."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("case number sequence")
        verbose_name_plural = _("case number sequences")

    def __str__(self):
        return f"{self.year}: {self.last}"


DEFAULT_CASE_NUMBER_FORMAT = "宁商社服〔{year}〕第{number:04d}号"


@register_setting(icon="doc-full")
class LicensingAuthority(BaseGenericSetting):
    """Who issues the written documents, and how case numbers are written; administrators keep it."""

    name = models.CharField(_("authority (Chinese)"), max_length=200, default="南京市商务局")
    name_en = models.CharField(_("authority (English)"), max_length=200, default="Nanjing Municipal Commerce Bureau")
    credit_code = models.CharField(
        _("authority's unified social credit code"), max_length=18, default="11320100014197474L", blank=True
    )
    address = models.CharField(_("address"), max_length=300, default="南京市玄武区北京东路41号", blank=True)
    phone = models.CharField(_("phone"), max_length=60, default="025-12345", blank=True)
    case_number_format = models.CharField(
        _("case number format"),
        max_length=100,
        default=DEFAULT_CASE_NUMBER_FORMAT,
        help_text=_("{year} is the year of receipt, {number} the case's number in that year, e.g. {number:04d}."),
    )
    reconsideration_body = models.CharField(
        _("reconsideration body"),
        max_length=200,
        default="南京市人民政府",
        help_text=_("Where an applicant applies for administrative reconsideration."),
    )
    court = models.CharField(
        _("court"), max_length=200, default="南京铁路运输法院", help_text=_("Where an applicant may sue.")
    )

    class Meta:
        verbose_name = _("licensing authority")

    def __str__(self):
        return self.name

    def format_case_number(self, year: int, number: int) -> str:
        try:
            return self.case_number_format.format(year=year, number=number)
        except (KeyError, IndexError, ValueError):
            return DEFAULT_CASE_NUMBER_FORMAT.format(year=year, number=number)
