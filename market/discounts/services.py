"""The acts of the discount tracker, one function each, for the resident's pages, the merchant's counter page, the
staff admin and the jobs.

Every act checks who may do it (rules.py) and refuses with a `DiscountError` carrying a translated message, having
recorded nothing. Acts that count (quotas) lock the offer row for the length of their transaction, so that two
counters at once cannot take the last unit twice. Subsidy claims are in `claims.py`.
"""

import calendar
import datetime
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import codes, signals
from market.discounts.errors import DiscountError, NotPermitted
from market.discounts.guards import move, require, require_text
from market.discounts.models import (
    BenefitCode,
    CounterRecord,
    Eligibility,
    EligibilityApplication,
    EligibilityApplicationState,
    EligibilityProof,
    MicroProfitSale,
    MicroProfitService,
    Offer,
    OfferKind,
    QuotaPeriod,
    Redemption,
)
from market.discounts.uploads import validate_proof_file
from market.events import send_after_commit

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
CODE_ISSUE_ATTEMPTS = 5


# ---------------------------------------------------------------- helpers


def _money(value, message) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise DiscountError(message) from error
    if amount <= 0:
        raise DiscountError(message)
    return amount


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day some months later, or the month's last day where it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def period_start(period: str, day: datetime.date) -> datetime.datetime:
    """The start, in Nanjing time, of the day, week (from Monday) or month that contains a day."""
    if period == QuotaPeriod.WEEK:
        day -= datetime.timedelta(days=day.weekday())
    elif period == QuotaPeriod.MONTH:
        day = day.replace(day=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# ---------------------------------------------------------------- eligibility


@transaction.atomic
def apply_for_eligibility(resident, group, *, proofs=(), date_of_birth=None) -> EligibilityApplication:
    """A resident applies with proof. Where the bureau accepts a date of birth for the group (the elderly), an
    old enough date of birth is verified at once, without a document or a reviewer.
    """
    require(resident, "discounts.apply_for_eligibility")
    today = clock_source.today()
    if not group.active:
        raise DiscountError(_("This group is not open for applications."))
    if EligibilityApplication.objects.filter(
        resident=resident, group=group, state=EligibilityApplicationState.SUBMITTED
    ).exists():
        raise DiscountError(_("You already have an application for this group waiting to be checked."))
    by_birth_date = group.derivable_from_birth_date and date_of_birth is not None and not proofs
    if by_birth_date and age_on(date_of_birth, today) < group.minimum_age:
        raise DiscountError(
            _("This group is for people aged %(age)d or over; by the date of birth given you are not yet.")
            % {"age": group.minimum_age}
        )
    if group.proof_required and not by_birth_date and not proofs:
        raise DiscountError(_("Upload proof that you belong to this group, such as your certificate."))
    for proof in proofs:
        try:
            validate_proof_file(proof)
        except ValidationError as error:
            raise DiscountError(error.messages[0]) from error
    application = EligibilityApplication.objects.create(
        resident=resident, group=group, date_of_birth=date_of_birth, submitted_at=clock_source.now()
    )
    for proof in proofs:
        EligibilityProof.objects.create(application=application, file=proof)
    if by_birth_date:
        _grant(application, decided_by=None, valid_until=None)
    return application


def _lock_application(application) -> EligibilityApplication:
    return EligibilityApplication.objects.select_for_update().select_related("group").get(pk=application.pk)


def _grant(application, *, decided_by, valid_until) -> Eligibility:
    today = clock_source.today()
    valid_until = valid_until or add_months(today, application.group.default_validity_months)
    if valid_until < today:
        raise DiscountError(_("The end of the eligibility cannot be in the past."))
    move(application, "verify", _("This application has already been decided or withdrawn."))
    application.decided_by = decided_by
    application.decided_at = clock_source.now()
    application.valid_until = valid_until
    application.save()
    return Eligibility.objects.create(
        resident=application.resident,
        group=application.group,
        valid_from=today,
        valid_until=valid_until,
        source_application=application,
    )


@transaction.atomic
def verify_eligibility(application, reviewer, valid_until=None) -> Eligibility:
    """The reviewer has checked the proof: the resident is eligible until `valid_until` (by default the group's
    usual validity from today).
    """
    require(reviewer, "discounts.verify_eligibility")
    locked = _lock_application(application)
    eligibility = _grant(locked, decided_by=reviewer, valid_until=valid_until)
    application.refresh_from_db()
    return eligibility


@transaction.atomic
def decline_eligibility(application, reviewer, reason) -> EligibilityApplication:
    require(reviewer, "discounts.verify_eligibility")
    reason = require_text(reason, _("Tell the resident why the application is declined."))
    locked = _lock_application(application)
    move(locked, "decline", _("This application has already been decided or withdrawn."))
    locked.decided_by = reviewer
    locked.decided_at = clock_source.now()
    locked.decline_reason = reason
    locked.save()
    application.refresh_from_db()
    return locked


@transaction.atomic
def withdraw_eligibility_application(application, resident) -> EligibilityApplication:
    require(resident, "discounts.withdraw_eligibility_application", application)
    locked = _lock_application(application)
    move(locked, "withdraw", _("This application has already been decided or withdrawn."))
    locked.save()
    application.refresh_from_db()
    return locked


@transaction.atomic
def revoke_eligibility(eligibility, reviewer, reason) -> Eligibility:
    """Ends an eligibility granted in error, or that no longer holds; later redemptions under it are refused."""
    require(reviewer, "discounts.revoke_eligibility")
    reason = require_text(reason, _("Give the reason for revoking the eligibility."))
    locked = Eligibility.objects.select_for_update().get(pk=eligibility.pk)
    if locked.revoked_at is not None:
        raise DiscountError(_("This eligibility has already been revoked."))
    locked.revoked_at = clock_source.now()
    locked.revoked_by = reviewer
    locked.revocation_reason = reason
    locked.save()
    eligibility.refresh_from_db()
    return locked


def eligibility_applications_for(viewer):
    """The applications a person may see: reviewers all of them, a resident their own."""
    applications = EligibilityApplication.objects.select_related("group", "resident")
    if viewer.has_perm("discounts.verify_eligibility"):
        return applications
    return applications.filter(resident=viewer)


def open_proof(proof: EligibilityProof, viewer):
    """The proof file, opened for reading, for the resident who sent it and for reviewers only."""
    require(viewer, "discounts.view_eligibility_application", proof.application)
    return proof.file.open("rb")


def offers_for_resident(resident, day=None):
    """Live offers for any group the resident is eligible for on a day (the resident's offers page)."""
    day = day or clock_source.today()
    groups = Eligibility.objects.valid_on(day).filter(resident=resident).values("group")
    return Offer.objects.live(day).filter(groups__in=groups).distinct().select_related("organization")


# ---------------------------------------------------------------- benefit codes


@transaction.atomic
def issue_benefit_code(resident) -> BenefitCode:
    """A new personal code for an eligible resident; the one they held before stops working at once."""
    require(resident, "discounts.hold_benefit_code", resident)
    if not Eligibility.objects.valid_on(clock_source.today()).filter(resident=resident).exists():
        raise DiscountError(_("A benefit code is issued once your eligibility has been verified."))
    now = clock_source.now()
    BenefitCode.objects.select_for_update().filter(resident=resident, revoked_at__isnull=True).update(revoked_at=now)
    for attempt in range(CODE_ISSUE_ATTEMPTS):
        code = BenefitCode(resident=resident, seed=codes.new_seed(), issued_at=now)
        for field, value in codes.digests_for(code).items():
            setattr(code, field, value)
        try:
            with transaction.atomic():
                code.save()
            return code
        except IntegrityError:
            # A short code that another resident happens to hold already: draw again.
            logger.info("Benefit code collision on attempt %d; drawing a new seed", attempt + 1)
    raise DiscountError(_("A code could not be issued just now. Please try again."))


@transaction.atomic
def revoke_benefit_code(code: BenefitCode, actor) -> BenefitCode:
    """The holder (a lost phone) or a reviewer stops a code; a new one can be issued."""
    holder = actor.has_perm("discounts.hold_benefit_code", code.resident)
    if not (holder or actor.has_perm("discounts.revoke_eligibility")):
        raise NotPermitted()
    locked = BenefitCode.objects.select_for_update().get(pk=code.pk)
    if locked.revoked_at is None:
        locked.revoked_at = clock_source.now()
        locked.save(update_fields=["revoked_at"])
    code.refresh_from_db()
    return locked


def active_benefit_code(resident) -> BenefitCode | None:
    return BenefitCode.objects.filter(resident=resident, revoked_at__isnull=True).first()


# ---------------------------------------------------------------- what a code may be used for


@dataclass(frozen=True)
class AvailableOffer:
    offer_id: int
    name: str
    kind: str
    amount: Decimal
    maximum_discount: Decimal | None
    minimum_spend: Decimal | None
    uses_left: int | None  # None: no limit for this holder in this period


@dataclass(frozen=True)
class CodeLookup:
    """All a merchant learns from a code: an opaque handle for the holder and the offers usable today."""

    holder: str
    offers: list[AvailableOffer]


def _net_uses(offer):
    """Redemptions of an offer that stand: originals not reversed."""
    return Redemption.objects.filter(offer=offer, reverses__isnull=True, reversal__isnull=True)


def _eligible_group(resident, offer, day):
    eligibility = (
        Eligibility.objects.valid_on(day)
        .filter(resident=resident, group__in=offer.groups.all())
        .order_by("group__sort_order", "group__code")
        .select_related("group")
        .first()
    )
    return eligibility.group if eligibility else None


def _personal_uses_left(offer, resident, now) -> int | None:
    """How often the holder may still use the offer in the current period, or None for no limit."""
    if offer.per_person_quota is None:
        return None
    since = period_start(offer.quota_period, timezone.localdate(now))
    used = _net_uses(offer).filter(resident=resident, redeemed_at__gte=since).count()
    return max(0, offer.per_person_quota - used)


def _uses_left(offer, resident, now) -> int | None:
    """How often the holder may still use the offer now, or None for no limit; 0 when it is used up."""
    limits = [_personal_uses_left(offer, resident, now)]
    if offer.total_quota is not None:
        limits.append(max(0, offer.total_quota - _net_uses(offer).count()))
    limits = [limit for limit in limits if limit is not None]
    return min(limits) if limits else None


def lookup_for_merchant(code: str, merchant, *, staff, ip_address=None, location=None) -> CodeLookup:
    """Which of this merchant's offers (at an outlet, if given) the code's holder may use today. Nothing else
    about the holder is told: no name, no group, no id, only a handle that differs from merchant to merchant.
    """
    require(staff, "discounts.serve_at_counter", merchant)
    benefit_code = codes.resolve(code, staff, ip_address)
    now = clock_source.now()
    offers = Offer.objects.live(timezone.localdate(now)).filter(organization=merchant).order_by("name", "pk")
    if location is not None:
        offers = offers.filter(locations=location)
    available = []
    for offer in offers.prefetch_related("groups"):
        if _eligible_group(benefit_code.resident, offer, timezone.localdate(now)) is None:
            continue
        uses_left = _uses_left(offer, benefit_code.resident, now)
        if uses_left == 0:
            continue
        available.append(
            AvailableOffer(
                offer_id=offer.pk,
                name=offer.name,
                kind=offer.kind,
                amount=offer.amount,
                maximum_discount=offer.maximum_discount,
                minimum_spend=offer.minimum_spend,
                uses_left=uses_left,
            )
        )
    return CodeLookup(holder=codes.merchant_handle(benefit_code, merchant), offers=available)


# ---------------------------------------------------------------- offers


@transaction.atomic
def save_offer(offer: Offer, staff, *, locations, groups) -> Offer:
    """Publish a new offer or change one, for some of the merchant's own outlets and some groups."""
    require(staff, "discounts.manage_offers", offer.organization)
    if offer.pk and Offer.objects.filter(pk=offer.pk).exclude(organization=offer.organization).exists():
        raise NotPermitted()
    locations, groups = list(locations), list(groups)
    if not locations or any(location.organization_id != offer.organization_id for location in locations):
        raise DiscountError(_("Choose one or more of your own outlets for the offer."))
    if not groups:
        raise DiscountError(_("Choose the groups the offer is for."))
    offer.full_clean()
    offer.save()
    offer.locations.set(locations)
    offer.groups.set(groups)
    send_after_commit(signals.offer_changed, Offer, offer=offer, actor=staff)
    return offer


def saving_for(offer: Offer, amount_before: Decimal) -> Decimal:
    if offer.kind == OfferKind.PERCENT:
        saving = (amount_before * offer.amount / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if offer.maximum_discount is not None:
            saving = min(saving, offer.maximum_discount)
    else:
        saving = offer.amount
    return min(saving, amount_before)


# ---------------------------------------------------------------- redemption


def _replayed(model, idempotency_key, organization):
    """The record an earlier attempt with this key made, if any: a retry gets it back, never a second one."""
    existing = model.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.organization_id != organization.pk:
        raise DiscountError(_("This request was already used for another merchant."))
    return existing


def redeem(*, code, offer, location, amount_before, staff, idempotency_key, ip_address=None) -> Redemption:
    """Record an offer used at a counter: the holder's code, the amount before the discount, the outlet and the
    staff member. The same `idempotency_key` (one per counter form) returns the first record, never a second.
    """
    require(staff, "discounts.serve_at_counter", offer.organization, _("Only the offer's own merchant can redeem it."))
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = _replayed(Redemption, idempotency_key, offer.organization)
    if existing is not None:
        return _same_redemption(existing, offer)
    if location.organization_id != offer.organization_id:
        raise NotPermitted(_("This outlet does not belong to the offer's merchant."))
    amount_before = _money(amount_before, _("Enter the amount before the discount, in yuan."))
    benefit_code = codes.resolve(code, staff, ip_address)
    try:
        with transaction.atomic():
            # The lock that makes quotas hold: every redemption of this offer waits here for the one before it.
            locked = Offer.objects.select_for_update().get(pk=offer.pk)
            existing = _replayed(Redemption, idempotency_key, offer.organization)
            if existing is not None:
                return _same_redemption(existing, offer)
            redemption = _record_redemption(benefit_code, locked, location, amount_before, staff, idempotency_key)
    except IntegrityError:
        # Another request with the same key, for another offer, committed first.
        existing = _replayed(Redemption, idempotency_key, offer.organization)
        if existing is None:
            raise
        return _same_redemption(existing, offer)
    return redemption


def _same_redemption(existing: Redemption, offer) -> Redemption:
    if existing.offer_id != offer.pk or existing.reverses_id is not None:
        raise DiscountError(_("This request was already used for a different record."))
    return existing


def _record_redemption(benefit_code, offer, location, amount_before, staff, idempotency_key) -> Redemption:
    now = clock_source.now()
    today = timezone.localdate(now)
    if not Offer.objects.live(today).filter(pk=offer.pk).exists():
        raise DiscountError(_("This offer is not available today."))
    if not offer.locations.filter(pk=location.pk).exists():
        raise DiscountError(_("This offer does not apply at this outlet."))
    group = _eligible_group(benefit_code.resident, offer, today)
    if group is None:
        raise DiscountError(_("The code's holder is not eligible for this offer today."))
    if offer.minimum_spend is not None and amount_before < offer.minimum_spend:
        raise DiscountError(_("This offer needs a spend of at least ¥%(amount)s.") % {"amount": offer.minimum_spend})
    if offer.total_quota is not None and _net_uses(offer).count() >= offer.total_quota:
        raise DiscountError(_("This offer has been used up."))
    if _personal_uses_left(offer, benefit_code.resident, now) == 0:
        raise DiscountError(
            _("The code's holder has already used this offer as often as it allows %(period)s.")
            % {"period": QuotaPeriod(offer.quota_period).label}
        )
    saving = saving_for(offer, amount_before)
    return Redemption.objects.create(
        offer=offer,
        organization=offer.organization,
        location=location,
        benefit_code=benefit_code,
        resident=benefit_code.resident,
        group=group,
        staff=staff,
        amount_before=amount_before,
        saving=saving,
        amount_paid=amount_before - saving,
        redeemed_at=now,
        idempotency_key=idempotency_key,
    )


def _reverse(record: CounterRecord, staff, reason, idempotency_key, already_reversed) -> tuple[CounterRecord, bool]:
    """Correct a counter record with a reversing one; the original stays as it was. Returns the reversal and
    whether it is new (a retry with the same key gets the first one back)."""
    model = type(record)
    require(staff, "discounts.serve_at_counter", record.organization)
    reason = require_text(reason, _("Give the reason for the correction."))
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = _replayed(model, idempotency_key, record.organization)
    if existing is not None:
        return existing, False
    if record.reverses_id is not None:
        raise DiscountError(_("A correction cannot itself be reversed."))
    try:
        with transaction.atomic():
            reversal = model.objects.create(
                **record.reversing_values(clock_source.now()),
                staff=staff,
                idempotency_key=idempotency_key,
                reverses=record,
                reason=reason,
            )
    except IntegrityError as error:
        existing = _replayed(model, idempotency_key, record.organization)
        if existing is not None:
            return existing, False
        raise DiscountError(already_reversed) from error
    return reversal, True


def reverse_redemption(redemption: Redemption, staff, reason, idempotency_key) -> Redemption:
    """Correct a mistaken redemption with a reversing record; the original stays as it was."""
    reversal, _new = _reverse(
        redemption, staff, reason, idempotency_key, _("This redemption has already been reversed.")
    )
    return reversal


# ---------------------------------------------------------------- micro-profit services


@transaction.atomic
def save_micro_profit_service(service: MicroProfitService, staff, *, locations=()) -> MicroProfitService:
    """List or re-price a merchant's micro-profit service; a price above the bureau's cap is refused."""
    require(staff, "discounts.manage_offers", service.organization)
    service_type = service.service_type
    if not service_type.in_force(clock_source.today()):
        raise DiscountError(_("The bureau's terms for %(type)s are not in force.") % {"type": service_type})
    if not service.organization.categories.filter(pk=service_type.category_id).exists():
        raise DiscountError(
            _("Your business is not registered in the category %(category)s.") % {"category": service_type.category}
        )
    price = _money(service.price, _("Enter the price in yuan."))
    if price > service_type.price_cap:
        raise DiscountError(
            _("The price ¥%(price)s is above the cap of ¥%(cap)s that the bureau set for %(type)s.")
            % {"price": price, "cap": service_type.price_cap, "type": service_type}
        )
    locations = list(locations)
    if any(location.organization_id != service.organization_id for location in locations):
        raise DiscountError(_("Choose only your own outlets."))
    service.price = price
    service.full_clean()
    service.save()
    service.locations.set(locations)
    send_after_commit(signals.micro_profit_service_changed, MicroProfitService, service=service, actor=staff)
    return service


def record_micro_profit_sale(*, service, location, quantity, staff, idempotency_key) -> MicroProfitSale:
    """A micro-profit service sold at the capped price, with the subsidy it earns, for the subsidy claim."""
    require(staff, "discounts.serve_at_counter", service.organization)
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = _replayed(MicroProfitSale, idempotency_key, service.organization)
    if existing is not None:
        return existing
    if location.organization_id != service.organization_id:
        raise NotPermitted(_("This outlet does not belong to the service's merchant."))
    if not isinstance(quantity, int) or quantity < 1:
        raise DiscountError(_("Enter how many were sold."))
    if not service.active or not service.service_type.in_force(clock_source.today()):
        raise DiscountError(_("This micro-profit service is not available today."))
    unit_price = service.resident_price
    subsidy_per_unit = service.service_type.subsidy_per_unit
    try:
        with transaction.atomic():
            return MicroProfitSale.objects.create(
                organization=service.organization,
                service=service,
                location=location,
                staff=staff,
                quantity=quantity,
                unit_price=unit_price,
                amount_paid=unit_price * quantity,
                subsidy_per_unit=subsidy_per_unit,
                subsidy_amount=subsidy_per_unit * quantity,
                sold_at=clock_source.now(),
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        existing = _replayed(MicroProfitSale, idempotency_key, service.organization)
        if existing is None:
            raise
        return existing


def reverse_micro_profit_sale(sale: MicroProfitSale, staff, reason, idempotency_key) -> MicroProfitSale:
    """Correct a mistaken sale with a reversing record; the original stays as it was."""
    reversal, _new = _reverse(sale, staff, reason, idempotency_key, _("This sale has already been reversed."))
    return reversal
