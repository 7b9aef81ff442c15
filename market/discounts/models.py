"""Eligibility, benefit codes, offers, micro-profit services, redemptions and subsidy claims.

The acts that change these are in `services.py`; redemptions and sales are append-only (a mistake is corrected
by a reversing record), and a subsidy claim lists every record it is paid for.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from market.discounts.uploads import validate_proof_file
from market.names import BilingualName
from market.private_storage import private_storage
from market.records import AppendOnlyRecord
from market.registry.models import Category, ListingStatus, Location, Organization

MONEY = {"max_digits": 12, "decimal_places": 2}


# ---------------------------------------------------------------- eligibility


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


# ---------------------------------------------------------------- benefit codes


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


# ---------------------------------------------------------------- offers


class OfferKind(models.TextChoices):
    PERCENT = "percent", _("Percentage off")
    AMOUNT = "amount", _("Amount off")


class QuotaPeriod(models.TextChoices):
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")


class OfferQuerySet(models.QuerySet):
    def live(self, day):
        """Offers a resident may use on a day: active, in their dates, of a listed merchant."""
        return self.filter(
            active=True,
            organization__listing_status=ListingStatus.ACTIVE,
            valid_from__lte=day,
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Offer(models.Model):
    """A merchant's discount for some groups at some outlets (its price terms follow HSDS cost_option)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="offers", verbose_name=_("merchant")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. 10 percent off laundry for laid-off workers"))
    locations = models.ManyToManyField(Location, related_name="offers", verbose_name=_("outlets"))
    groups = models.ManyToManyField(EligibilityGroup, related_name="offers", verbose_name=_("groups"))
    kind = models.CharField(_("kind"), max_length=10, choices=OfferKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY, help_text=_("The percentage off, or the amount off in yuan."))
    maximum_discount = models.DecimalField(
        _("maximum discount (yuan)"), **MONEY, null=True, blank=True, help_text=_("Caps a percentage discount.")
    )
    minimum_spend = models.DecimalField(_("minimum spend (yuan)"), **MONEY, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="CNY", editable=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    total_quota = models.PositiveIntegerField(
        _("total quota"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    per_person_quota = models.PositiveIntegerField(_("uses per person"), null=True, blank=True)
    quota_period = models.CharField(
        _("per period"), max_length=10, choices=QuotaPeriod.choices, default=QuotaPeriod.MONTH
    )
    terms = models.TextField(_("terms"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-valid_from"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="offer_amount_positive"),
            models.CheckConstraint(
                condition=~Q(kind=OfferKind.PERCENT) | Q(amount__lte=100), name="offer_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="offer_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name


# ---------------------------------------------------------------- micro-profit services


class MicroProfitServiceType(BilingualName):
    """A kind of micro-profit service (微利性商业服务) with the price cap and subsidy the bureau sets."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="micro_profit_service_types", verbose_name=_("category")
    )
    unit = models.CharField(
        _("unit (Chinese)"), max_length=50, help_text=_("What one is, e.g. 一次 (a visit), 一件 (a garment).")
    )
    unit_en = models.CharField(
        _("unit (English)"), max_length=50, blank=True, help_text=_("The same in English, e.g. visit, garment.")
    )
    price_cap = models.DecimalField(_("price cap (yuan)"), **MONEY)
    subsidy_per_unit = models.DecimalField(_("subsidy per unit (yuan)"), **MONEY, default=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("micro-profit service type")
        verbose_name_plural = _("micro-profit service types")
        constraints = [
            models.CheckConstraint(condition=Q(price_cap__gt=0), name="price_cap_positive"),
            models.CheckConstraint(condition=Q(subsidy_per_unit__gte=0), name="subsidy_not_negative"),
        ]

    @property
    def display_unit(self) -> str:
        """The unit in the language of the current request, falling back to Chinese."""
        if (get_language() or "").startswith("en") and self.unit_en:
            return self.unit_en
        return self.unit

    def in_force(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class MicroProfitService(models.Model):
    """A merchant's service at or under the bureau's price cap for its type."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="micro_profit_services", verbose_name=_("merchant")
    )
    service_type = models.ForeignKey(
        MicroProfitServiceType, on_delete=models.PROTECT, related_name="services", verbose_name=_("type")
    )
    name = models.CharField(_("name"), max_length=200)
    price = models.DecimalField(_("price (yuan)"), **MONEY)
    locations = models.ManyToManyField(
        Location, related_name="micro_profit_services", blank=True, verbose_name=_("outlets")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("micro-profit service")
        verbose_name_plural = _("micro-profit services")

    def __str__(self):
        return self.name

    @property
    def resident_price(self):
        """What a resident pays: never above the cap, even if the bureau lowered it after the price was set."""
        return min(self.price, self.service_type.price_cap)


# ---------------------------------------------------------------- records (append-only)


class CounterRecord(AppendOnlyRecord):
    """What a merchant's staff records at the counter, for money changing hands. It is never edited: a mistake
    is corrected by a second record that `reverses` it with the amounts negated. A retried form carries the
    same idempotency key and gets the first record back."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    amount_paid = models.DecimalField(_("amount paid"), **MONEY)
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, unique=True)
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        abstract = True

    def reversing_values(self, at) -> dict:
        """The fields of the record that reverses this one, made at `at` (all but staff, key and reason)."""
        raise NotImplementedError


class Redemption(CounterRecord):
    """An offer used at a counter. A correction is a second record with negated amounts that `reverses` it."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("offer"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("merchant")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("outlet")
    )
    benefit_code = models.ForeignKey(
        BenefitCode, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("benefit code")
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="redemptions", verbose_name=_("resident")
    )
    group = models.ForeignKey(
        EligibilityGroup,
        on_delete=models.PROTECT,
        related_name="redemptions",
        verbose_name=_("group"),
        help_text=_("The group whose eligibility the offer was used under."),
    )
    amount_before = models.DecimalField(_("amount before"), **MONEY)
    saving = models.DecimalField(_("saving"), **MONEY)
    redeemed_at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["-redeemed_at", "-pk"]
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        indexes = [
            models.Index(fields=["redeemed_at"], name="redemptions_by_time"),
            models.Index(fields=["offer", "resident", "redeemed_at"], name="redemptions_for_quota"),
            models.Index(fields=["resident", "redeemed_at"], name="redemptions_by_resident"),
            models.Index(fields=["organization", "redeemed_at"], name="redemptions_by_merchant"),
            models.Index(fields=["location", "redeemed_at"], name="redemptions_by_outlet"),
            models.Index(fields=["group", "redeemed_at"], name="redemptions_by_group"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, saving__gte=0) | Q(reverses__isnull=False, saving__lte=0),
                name="redemption_saving_sign",
            ),
        ]

    def __str__(self):
        return f"{self.offer} · {self.saving} · {self.redeemed_at:%Y-%m-%d %H:%M}"

    def reversing_values(self, at) -> dict:
        return {
            "offer_id": self.offer_id,
            "organization_id": self.organization_id,
            "location_id": self.location_id,
            "benefit_code_id": self.benefit_code_id,
            "resident_id": self.resident_id,
            "group_id": self.group_id,
            "amount_before": -self.amount_before,
            "saving": -self.saving,
            "amount_paid": -self.amount_paid,
            "redeemed_at": at,
        }


class MicroProfitSale(CounterRecord):
    """A micro-profit service sold at its capped price, for the subsidy claim. Corrected by a reversing sale."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="micro_profit_sales", verbose_name=_("merchant")
    )
    service = models.ForeignKey(
        MicroProfitService, on_delete=models.PROTECT, related_name="sales", verbose_name=_("service")
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="micro_profit_sales", verbose_name=_("outlet")
    )
    quantity = models.IntegerField(_("quantity"), help_text=_("Negative in a reversing record."))
    unit_price = models.DecimalField(_("unit price"), **MONEY)
    subsidy_per_unit = models.DecimalField(_("subsidy per unit"), **MONEY)
    subsidy_amount = models.DecimalField(_("subsidy"), **MONEY)
    sold_at = models.DateTimeField(_("sold at"))

    class Meta:
        ordering = ["-sold_at", "-pk"]
        verbose_name = _("micro-profit sale")
        verbose_name_plural = _("micro-profit sales")
        indexes = [models.Index(fields=["organization", "sold_at"], name="sales_by_merchant")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, quantity__gt=0) | Q(reverses__isnull=False, quantity__lt=0),
                name="sale_quantity_sign",
            ),
        ]

    def __str__(self):
        return f"{self.service} × {self.quantity} · {self.sold_at:%Y-%m-%d}"

    def reversing_values(self, at) -> dict:
        return {
            "organization_id": self.organization_id,
            "service_id": self.service_id,
            "location_id": self.location_id,
            "quantity": -self.quantity,
            "unit_price": self.unit_price,
            "amount_paid": -self.amount_paid,
            "subsidy_per_unit": self.subsidy_per_unit,
            "subsidy_amount": -self.subsidy_amount,
            "sold_at": at,
        }


# ---------------------------------------------------------------- subsidy claims


class SubsidyClaimState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")


class SubsidyClaim(FSMModelMixin, models.Model):
    """A merchant's claim for the subsidy on its micro-profit sales of a period; each sale is a line."""

    S = SubsidyClaimState

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="subsidy_claims", verbose_name=_("merchant")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    state = FSMField(_("state"), default=S.SUBMITTED, choices=S.choices, protected=True)
    total_subsidy = models.DecimalField(_("subsidy claimed"), **MONEY)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"))
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
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("subsidy claim")
        verbose_name_plural = _("subsidy claims")
        indexes = [models.Index(fields=["organization", "period_start"], name="claims_by_merchant")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="claim_period_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return f"{self.organization} · {self.period_start}–{self.period_end}"

    @transition(field=state, source=S.SUBMITTED, target=S.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.REJECTED)
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
