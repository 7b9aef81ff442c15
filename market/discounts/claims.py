"""Subsidy claims: a merchant claims the subsidy on its micro-profit sales of a period; a reviewer (经办人)
checks it against its records, an approver (审批人) who did not check it approves or rejects it with reasons and
records the payment; `reconcile` proves the money against the records.

Four eyes, as the bureau's finance rules have it: the check is a step of its own, recorded with who did it, and
whoever checked a claim neither approves it nor records its payment, even holding both roles. Sales held for a
reviewer (`services/sale_flags.py`) stay out of every claim until a reviewer clears them.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts.errors import DiscountError
from market.discounts.models import HOLDING_STATES, MicroProfitSale, SubsidyClaim, SubsidyClaimLine
from market.guards import move, require, require_text
from market.registry.models import Organization

ZERO = Decimal("0.00")
ALREADY_DECIDED = _("This claim has already been decided.")
FOUR_EYES = _("You checked this claim: under the four-eyes rule another approver decides it and records its payment.")
HELD = Q(flag__state__in=HOLDING_STATES) | Q(reverses__flag__state__in=HOLDING_STATES)


def _total(queryset, expression) -> Decimal:
    total = queryset.aggregate(total=Coalesce(Sum(expression), ZERO, output_field=DecimalField()))["total"]
    # SQLite sums decimals as floats' shortest form ("6"); money is shown to the fen everywhere.
    return Decimal(total).quantize(ZERO)


def _not_in_a_live_claim(organization, period_start, period_end):
    in_live_claim = SubsidyClaimLine.objects.filter(sale=OuterRef("pk"), released_at__isnull=True)
    return MicroProfitSale.objects.filter(
        organization=organization, sold_at__date__gte=period_start, sold_at__date__lte=period_end
    ).exclude(Exists(in_live_claim))


def unclaimed_sales(organization, period_start: datetime.date, period_end: datetime.date):
    """The merchant's sales (and corrections) of a period, by Nanjing date, that no live claim holds and no flag
    holds back: a flagged sale (or the correction of one) waits until a reviewer clears it."""
    return _not_in_a_live_claim(organization, period_start, period_end).exclude(HELD)


def held_sales(organization, period_start: datetime.date, period_end: datetime.date):
    """The sales of the period that a flag keeps out of a claim: waiting for a reviewer, or rejected."""
    return _not_in_a_live_claim(organization, period_start, period_end).filter(HELD).distinct()


def submit_claim(organization, staff, period_start: datetime.date, period_end: datetime.date) -> SubsidyClaim:
    """Claim the subsidy on every unclaimed sale of an ended period; each sale becomes a line of the claim."""
    require(staff, "discounts.claim_subsidy", organization)
    if period_end < period_start:
        raise DiscountError(_("The period must end on or after the day it starts."))
    if period_end >= clock_source.today():
        raise DiscountError(_("A period can be claimed once it has ended."))
    try:
        with transaction.atomic():
            # One claim at a time per merchant, so that two at once cannot both take the same sales.
            Organization.objects.select_for_update().get(pk=organization.pk)
            sales = list(unclaimed_sales(organization, period_start, period_end).order_by("sold_at", "pk"))
            if not sales:
                if held_sales(organization, period_start, period_end).exists():
                    raise DiscountError(
                        _("Every unclaimed sale of this period is held for the bureau's check.")
                    )
                raise DiscountError(_("There are no unclaimed micro-profit sales in this period."))
            claim = SubsidyClaim.objects.create(
                organization=organization,
                period_start=period_start,
                period_end=period_end,
                total_subsidy=sum((sale.subsidy_amount for sale in sales), ZERO),
                submitted_by=staff,
                submitted_at=clock_source.now(),
            )
            SubsidyClaimLine.objects.bulk_create(
                SubsidyClaimLine(claim=claim, sale=sale, subsidy_amount=sale.subsidy_amount) for sale in sales
            )
    except IntegrityError as error:
        raise DiscountError(_("Some of these sales have already been claimed.")) from error
    return claim


def _lock(claim) -> SubsidyClaim:
    return SubsidyClaim.objects.select_for_update().get(pk=claim.pk)


def _not_the_checker(claim, person):
    if claim.checked_by_id is not None and claim.checked_by_id == person.pk:
        raise DiscountError(FOUR_EYES)


@transaction.atomic
def check_claim(claim, reviewer, note="") -> SubsidyClaim:
    """The reviewer has checked the claim's lines against the sales and their codes: it goes to an approver."""
    require(reviewer, "discounts.check_subsidy_claim", claim)
    locked = _lock(claim)
    if locked.state != SubsidyClaim.S.SUBMITTED:
        raise DiscountError(_("Only a claim waiting to be checked can be checked."))
    if not reconcile(locked).balanced:
        raise DiscountError(_("The claim's totals do not agree with its records: reject it rather than pass it on."))
    move(locked, "check_records", ALREADY_DECIDED)
    locked.checked_by = reviewer
    locked.checked_at = clock_source.now()
    locked.check_note = (note or "").strip()
    locked.save()
    claim.refresh_from_db()
    return locked


@transaction.atomic
def approve_claim(claim, approver, note="") -> SubsidyClaim:
    _not_the_checker(claim, approver)
    require(approver, "discounts.decide_subsidy_claim", claim)
    locked = _lock(claim)
    _not_the_checker(locked, approver)
    if locked.state == SubsidyClaim.S.SUBMITTED:
        raise DiscountError(_("A reviewer checks the claim before it is approved."))
    move(locked, "approve", ALREADY_DECIDED)
    locked.decided_by = approver
    locked.decided_at = clock_source.now()
    locked.decision_reasons = (note or "").strip()
    locked.save()
    claim.refresh_from_db()
    return locked


@transaction.atomic
def reject_claim(claim, approver, reasons) -> SubsidyClaim:
    """Refuse a claim with reasons; its sales are released, for the merchant to claim again correctly. A reviewer
    may reject it at the check, an approver (not the checker) once it is checked."""
    _not_the_checker(claim, approver)
    require(approver, "discounts.reject_subsidy_claim", claim)
    reasons = require_text(reasons, _("Give the reasons for rejecting the claim."))
    locked = _lock(claim)
    _not_the_checker(locked, approver)
    require(approver, "discounts.reject_subsidy_claim", locked)
    move(locked, "reject", ALREADY_DECIDED)
    locked.decided_by = approver
    locked.decided_at = clock_source.now()
    locked.decision_reasons = reasons
    locked.save()
    locked.lines.update(released_at=locked.decided_at)
    claim.refresh_from_db()
    return locked


@transaction.atomic
def record_claim_payment(claim, approver, amount, payment_reference) -> SubsidyClaim:
    """The bureau paid an approved claim; the amount must be the subsidy on its records, to the fen."""
    _not_the_checker(claim, approver)
    require(approver, "discounts.decide_subsidy_claim", claim)
    payment_reference = require_text(payment_reference, _("Enter the payment's reference."))
    locked = _lock(claim)
    if locked.state != SubsidyClaim.S.APPROVED:
        raise DiscountError(_("Only an approved claim can be paid."))
    owed = reconcile(locked).records_total
    if Decimal(str(amount)) != owed:
        raise DiscountError(
            _("The amount paid must equal the subsidy on the claim's records, ¥%(owed)s.") % {"owed": owed}
        )
    move(locked, "pay", _("Only an approved claim can be paid."))
    locked.paid_amount = owed
    locked.paid_at = clock_source.now()
    locked.paid_by = approver
    locked.payment_reference = payment_reference
    locked.save()
    claim.refresh_from_db()
    return locked


@dataclass(frozen=True)
class Reconciliation:
    claimed_total: Decimal
    lines_total: Decimal
    records_total: Decimal  # recomputed from each sale's quantity × subsidy per unit
    paid_total: Decimal | None

    @property
    def balanced(self) -> bool:
        totals = {self.claimed_total, self.lines_total, self.records_total}
        if self.paid_total is not None:
            totals.add(self.paid_total)
        return len(totals) == 1


def reconcile(claim) -> Reconciliation:
    """Three sums that must agree: the claim's total, its lines, and the subsidy recomputed from the records."""
    lines = SubsidyClaimLine.objects.filter(claim=claim)
    per_record = ExpressionWrapper(
        F("sale__quantity") * F("sale__subsidy_per_unit"), output_field=DecimalField(max_digits=14, decimal_places=2)
    )
    return Reconciliation(
        claimed_total=claim.total_subsidy,
        lines_total=_total(lines, "subsidy_amount"),
        records_total=_total(lines, per_record),
        paid_total=claim.paid_amount,
    )
