"""Residents' feedback on listed merchants: a rating with a review of an outlet, and complaints the bureau handles.

The acts that change these are in services.py. Each writes an audit event (who, when, why); a review keeps every
version its author wrote. A resident who reviews or complains is never shown to the merchant: the merchant's pages,
emails and exports read only the fields that do not identify them.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMModelMixin, transition

from market.private_storage import private_storage
from market.records import AppendOnlyRecord, AuditEvent
from market.registry.models import Location, Organization
from market.state_field import StateField

RATINGS = [(value, str(value)) for value in range(1, 6)]


# ---------------------------------------------------------------- reviews


class ReviewState(models.TextChoices):
    PENDING = "pending", _("Waiting for a moderator")
    PUBLISHED = "published", pgettext_lazy("review state", "Published")
    REJECTED = "rejected", _("Not published")
    REMOVED = "removed", _("Removed by a moderator")
    WITHDRAWN = "withdrawn", _("Deleted by its author")


class ReviewQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=ReviewState.PUBLISHED)

    def live(self):
        """Every review but those their authors deleted: a resident has one of these per outlet at most."""
        return self.exclude(state=ReviewState.WITHDRAWN)


class Review(FSMModelMixin, models.Model):
    """A resident's rating (1 to 5) and review of an outlet: one per resident and outlet, which they may edit.

    It is published at once when the automatic checks pass (screening.py), else it waits for a moderator.
    """

    S = ReviewState

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("outlet"))
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("merchant"),
        help_text=_("The outlet's merchant, kept here for the merchant's average."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("author")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=RATINGS)
    text = models.TextField(_("review"))
    # The normalised text's digest: the same words posted again (by anyone) are found by an index, not a scan.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, db_index=True, editable=False)
    state = StateField(_("state"), default=S.PENDING, choices=S.choices, protected=True)
    screening_flags = models.JSONField(
        _("automatic checks that tripped"), default=list, blank=True, help_text=_("On the latest version.")
    )
    moderation_reason = models.TextField(
        _("moderator's reason"), blank=True, help_text=_("Why it was not published or was removed; the author sees it.")
    )
    # The seam for bookings: commerce sets this to its completed order's reference when the review follows one,
    # and the review is then shown as a "verified order". Nothing sets it until bookings exist.
    verified_order = models.CharField(
        _("verified order"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("The completed order this review follows; set by bookings, empty until they exist."),
    )
    created_at = models.DateTimeField(_("written at"))
    updated_at = models.DateTimeField(_("last changed at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [
            models.Index(fields=["location", "state"], name="reviews_of_outlet"),
            models.Index(fields=["organization", "state", "published_at"], name="reviews_of_merchant"),
            models.Index(fields=["state", "created_at"], name="reviews_by_state"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_one_to_five"),
            models.UniqueConstraint(
                fields=["author", "location"],
                condition=~Q(state=ReviewState.WITHDRAWN),
                name="one_review_per_resident_and_outlet",
                violation_error_message=_("You have already reviewed this outlet."),
            ),
        ]

    def __str__(self):
        return f"{self.location} · {self.rating}/5"

    @property
    def is_verified_order(self) -> bool:
        return bool(self.verified_order)

    @transition(field=state, source=[S.PENDING, S.PUBLISHED], target=S.PUBLISHED)
    def publish(self):
        pass

    @transition(field=state, source=[S.PENDING, S.PUBLISHED, S.REJECTED, S.REMOVED], target=S.PENDING)
    def hold(self):
        pass

    @transition(field=state, source=S.PENDING, target=S.REJECTED)
    def reject(self):
        pass

    @transition(field=state, source=S.PUBLISHED, target=S.REMOVED)
    def remove(self):
        pass

    @transition(field=state, source=[S.PENDING, S.PUBLISHED, S.REJECTED, S.REMOVED], target=S.WITHDRAWN)
    def withdraw(self):
        pass


class ReviewRevision(AppendOnlyRecord):
    """One version of a review as its author wrote it: the first, then one per edit."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("review"))
    number = models.PositiveIntegerField(_("version"))
    rating = models.PositiveSmallIntegerField(_("rating"), choices=RATINGS)
    text = models.TextField(_("review"))
    written_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["review", "number"]
        verbose_name = _("review version")
        verbose_name_plural = _("review versions")
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="one_review_version_per_number")]

    def __str__(self):
        return f"{self.review} · {self.number}"


class MerchantReply(models.Model):
    """The merchant's public answer to a review: one per review."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="reply", verbose_name=_("review"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    text = models.TextField(_("reply"))
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        verbose_name = _("merchant's reply")
        verbose_name_plural = _("merchants' replies")

    def __str__(self):
        return f"{self.review} · {self.created_at:%Y-%m-%d}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Advertising or spam")
    OFFENSIVE = "offensive", _("Abusive or offensive")
    FALSE = "false", _("Not a real experience of this outlet")
    PERSONAL = "personal", _("Reveals someone's personal information")
    OTHER = "other", _("Something else")


class ReportResolution(models.TextChoices):
    KEPT = "kept", _("The review was kept")
    REMOVED = "removed", _("The review was removed")


class ReviewReport(models.Model):
    """Someone's report that a published review breaks the rules; it waits in the moderation queue."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="reports", verbose_name=_("review"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reported by"),
        help_text=_("Empty for a visitor who was not signed in."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    note = models.TextField(_("details"), blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.CharField(_("resolution"), max_length=20, choices=ReportResolution.choices, blank=True)

    class Meta:
        ordering = ["review", "reported_at"]
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        indexes = [models.Index(fields=["review", "resolved_at"], name="open_reports_of_review")]

    def __str__(self):
        return f"{self.review} · {self.get_reason_display()}"


class ReviewAction(models.TextChoices):
    SUBMITTED = "submitted", _("Written")
    EDITED = "edited", pgettext_lazy("review state", "Edited")
    APPROVED = "approved", _("Approved by a moderator")
    REJECTED = "rejected", _("Not published by a moderator")
    REPORTED = "reported", _("Reported")
    REPORTS_DISMISSED = "reports_dismissed", _("Kept after reports")
    REMOVED = "removed", _("Removed by a moderator")
    WITHDRAWN = "withdrawn", _("Deleted by its author")
    REPLIED = "replied", _("The merchant replied")


class ReviewEvent(AuditEvent):
    """What happened to a review, who did it (empty for the automatic checks) and why."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="events", verbose_name=_("review"))
    action = models.CharField(_("action"), max_length=30, choices=ReviewAction.choices)
    from_state = models.CharField(_("from state"), max_length=20, choices=ReviewState.choices, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, choices=ReviewState.choices)

    class Meta:
        ordering = ["review", "at", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")


class BlockedWord(models.Model):
    """A word or phrase that holds a review back for a moderator. Administrators keep the list."""

    word = models.CharField(
        _("word or phrase"),
        max_length=50,
        unique=True,
        help_text=_("Matched without regard to case, spaces or punctuation between its characters."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why it is on the list."))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")

    def __str__(self):
        return self.word


class RatingSummary(models.Model):
    """The published ratings of an outlet or a merchant, kept current by the review services in the same
    transaction as the change, for the pages and search to read without counting."""

    review_count = models.PositiveIntegerField(_("published reviews"), default=0)
    rating_total = models.PositiveIntegerField(_("sum of the ratings"), default=0)
    average = models.DecimalField(_("average rating"), max_digits=3, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class OutletRating(RatingSummary):
    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, primary_key=True, related_name="rating_summary", verbose_name=_("outlet")
    )

    class Meta:
        verbose_name = _("outlet rating")
        verbose_name_plural = _("outlet ratings")

    def __str__(self):
        return f"{self.location} · {self.average}"


class MerchantRating(RatingSummary):
    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
        verbose_name=_("merchant"),
    )

    class Meta:
        verbose_name = _("merchant rating")
        verbose_name_plural = _("merchant ratings")
        # Search sorts and filters merchants by their average.
        indexes = [models.Index(fields=["average", "review_count"], name="merchant_rating_order")]

    def __str__(self):
        return f"{self.organization} · {self.average}"


# ---------------------------------------------------------------- complaints


class ComplaintCategory(models.TextChoices):
    PRICE = "price", _("Price")
    QUALITY = "quality", _("Quality of the service or goods")
    SAFETY = "safety", _("Safety")
    DISCOUNT_REFUSED = "discount_refused", _("Discount refused")
    LICENCE = "licence", _("Licence")
    OTHER = "other", _("Other")


class ComplaintState(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Being handled")
    AWAITING_MERCHANT = "awaiting_merchant", _("Waiting for the merchant's response")
    MERCHANT_RESPONDED = "merchant_responded", _("The merchant has responded")
    CLOSED = "closed", _("Answered")


OPEN_COMPLAINT_STATES = [
    ComplaintState.RECEIVED,
    ComplaintState.ASSIGNED,
    ComplaintState.AWAITING_MERCHANT,
    ComplaintState.MERCHANT_RESPONDED,
]


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")


# Outcomes that count against the merchant on its record.
UPHELD_OUTCOMES = [ComplaintOutcome.UPHELD, ComplaintOutcome.PARTLY_UPHELD]


class ToldHow(models.TextChoices):
    ONLINE = "online", _("By e-mail and on the complaint's page")
    PHONE = "phone", _("By phone")


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_COMPLAINT_STATES)

    def overdue(self, today):
        """Open past the date by which the bureau must answer."""
        return self.open().filter(due_on__lt=today)

    def merchant_late(self, today):
        """Waiting for a merchant whose response is past its deadline."""
        return self.filter(state=ComplaintState.AWAITING_MERCHANT, merchant_response_due_on__lt=today)

    def upheld(self):
        return self.filter(state=ComplaintState.CLOSED, outcome__in=UPHELD_OUTCOMES)

    def seen_by_merchant(self):
        """Those the merchant has been asked about or told the outcome of; the rest are the bureau's alone."""
        return self.filter(Q(merchant_asked_at__isnull=False) | Q(state=ComplaintState.CLOSED))


class Complaint(FSMModelMixin, models.Model):
    """A resident's or a visitor's complaint against a merchant (or one of its outlets), handled by the bureau.

    The merchant never sees who complained, how to reach them, their own words or their evidence: only the
    category, the outlet, the bureau's summary and question, and the outcome with its reasons.
    """

    S = ComplaintState

    tracking_token = models.UUIDField(_("tracking token"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("merchant")
    )
    location = models.ForeignKey(
        Location,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("outlet"),
    )
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("complainant's account"),
        help_text=_("Empty for a visitor who was not signed in."),
    )
    contact_name = models.CharField(pgettext_lazy("contact person", "name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language for the answer"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    category = models.CharField(_("category"), max_length=20, choices=ComplaintCategory.choices)
    description = models.TextField(_("what happened"))
    state = StateField(_("state"), default=S.RECEIVED, choices=S.choices, protected=True)
    received_at = models.DateTimeField(_("received at"))
    due_on = models.DateField(_("answer due on"), help_text=_("Working days on the licensing calendar."))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
        verbose_name=_("reviewer assigned"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    merchant_request = models.TextField(
        _("the bureau's request to the merchant"), blank=True, help_text=_("The merchant sees this, not the complaint.")
    )
    merchant_asked_at = models.DateTimeField(_("merchant asked at"), null=True, blank=True)
    merchant_response_due_on = models.DateField(_("merchant's response due on"), null=True, blank=True)
    merchant_response = models.TextField(_("the merchant's response"), blank=True)
    merchant_responded_at = models.DateTimeField(_("merchant responded at"), null=True, blank=True)
    merchant_responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responded for the merchant"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ComplaintOutcome.choices, blank=True)
    outcome_reasons = models.TextField(_("reasons for the outcome"), blank=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    complainant_told_at = models.DateTimeField(_("complainant told at"), null=True, blank=True)
    complainant_told_how = models.CharField(_("complainant told"), max_length=10, choices=ToldHow.choices, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["state", "due_on"], name="complaints_by_due_date"),
            models.Index(fields=["organization", "received_at"], name="complaints_by_merchant"),
            models.Index(fields=["complainant", "received_at"], name="complaints_by_complainant"),
            models.Index(fields=["received_at"], name="complaints_by_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(complainant__isnull=False) | ~Q(contact_phone="") | ~Q(contact_email=""),
                name="complaint_can_be_answered",
                violation_error_message=_("Give a phone number or an e-mail address so that the bureau can answer."),
            ),
            models.CheckConstraint(
                condition=Q(state=ComplaintState.CLOSED, outcome__in=ComplaintOutcome.values)
                | (~Q(state=ComplaintState.CLOSED) & Q(outcome="")),
                name="complaint_outcome_when_closed",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        """The number the complainant quotes, e.g. TS-2026-000042."""
        return f"TS-{self.received_at:%Y}-{self.pk:06d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_COMPLAINT_STATES

    @property
    def is_upheld(self) -> bool:
        return self.state == ComplaintState.CLOSED and self.outcome in UPHELD_OUTCOMES

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today

    def is_merchant_late(self, today) -> bool:
        return (
            self.state == ComplaintState.AWAITING_MERCHANT
            and self.merchant_response_due_on is not None
            and self.merchant_response_due_on < today
        )

    @transition(field=state, source=S.RECEIVED, target=S.ASSIGNED)
    def assign(self):
        pass

    @transition(field=state, source=[S.ASSIGNED, S.MERCHANT_RESPONDED], target=S.AWAITING_MERCHANT)
    def ask_merchant(self):
        pass

    @transition(field=state, source=S.AWAITING_MERCHANT, target=S.MERCHANT_RESPONDED)
    def record_merchant_response(self):
        pass

    @transition(field=state, source=[S.ASSIGNED, S.AWAITING_MERCHANT, S.MERCHANT_RESPONDED], target=S.CLOSED)
    def close(self):
        pass


def evidence_file_path(evidence: "ComplaintEvidence", filename: str) -> str:
    """A random name: nothing about the complainant or the original file name is in the path."""
    suffix = PurePath(filename).suffix.lower()
    return f"complaints/{uuid.uuid4().hex}{suffix}"


class ComplaintEvidence(models.Model):
    """A photo or document the complainant attached. Private: staff download it through a checked view."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("complaint")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_file_path)
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["complaint", "uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return PurePath(self.file.name).name


class ComplaintAction(models.TextChoices):
    FILED = "filed", _("Filed")
    ASSIGNED = "assigned", _("Assigned")
    MERCHANT_ASKED = "merchant_asked", _("Merchant asked to respond")
    MERCHANT_RESPONDED = "merchant_responded", _("Merchant responded")
    OUTCOME_RECORDED = "outcome_recorded", _("Outcome recorded")
    COMPLAINANT_TOLD = "complainant_told", _("Complainant told")


class ComplaintEvent(AuditEvent):
    """What happened to a complaint, who did it and why. The request to the merchant, the merchant's response
    and the reasons for the outcome are kept here as written, round after round."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="events", verbose_name=_("complaint")
    )
    action = models.CharField(_("action"), max_length=30, choices=ComplaintAction.choices)
    from_state = models.CharField(_("from state"), max_length=20, choices=ComplaintState.choices, blank=True)
    to_state = models.CharField(_("to state"), max_length=20, choices=ComplaintState.choices)

    class Meta:
        ordering = ["complaint", "at", "pk"]
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
