"""Redemption: an offer used at a counter, under the offer's row lock so that quotas hold, and its correction."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import codes
from market.discounts.errors import DiscountError
from market.discounts.models import CodePurpose, Offer, QuotaPeriod, Redemption
from market.discounts.services.code_lookup import eligible_group, net_uses, personal_uses_left
from market.discounts.services.counter_records import replayed_record, reverse_counter_record
from market.discounts.services.helpers import positive_amount
from market.discounts.services.offers import saving_for
from market.errors import NotPermitted
from market.guards import require, require_text


def redeem(*, code, offer, location, amount_before, staff, idempotency_key, ip_address=None) -> Redemption:
    """Record an offer used at a counter: the holder's code (as presented, or the counter pass of its check), the
    amount before the discount, the outlet and the staff member. The code is spent in the same transaction. The
    same `idempotency_key` (one per counter form) returns the first record, never a second.
    """
    require(staff, "discounts.serve_at_counter", offer.organization, _("Only the offer's own merchant can redeem it."))
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = replayed_record(Redemption, idempotency_key, offer.organization)
    if existing is not None:
        return _same_redemption(existing, offer)
    if location.organization_id != offer.organization_id:
        raise NotPermitted(_("This outlet does not belong to the offer's merchant."))
    amount_before = positive_amount(amount_before, _("Enter the amount before the discount, in yuan."))
    presented = codes.resolve(code, staff, ip_address, organization=offer.organization)
    try:
        with transaction.atomic():
            # The lock that makes quotas hold: every redemption of this offer waits here for the one before it.
            locked = Offer.objects.select_for_update().get(pk=offer.pk)
            existing = replayed_record(Redemption, idempotency_key, offer.organization)
            if existing is not None:
                return _same_redemption(existing, offer)
            redemption = _record_redemption(
                presented.benefit_code, locked, location, amount_before, staff, idempotency_key
            )
            codes.use(
                presented,
                staff=staff,
                organization=offer.organization,
                location=location,
                purpose=CodePurpose.REDEMPTION,
            )
    except IntegrityError:
        # Another request with the same key, for another offer, committed first.
        existing = replayed_record(Redemption, idempotency_key, offer.organization)
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
    group = eligible_group(benefit_code.resident, offer, today)
    if group is None:
        raise DiscountError(_("The code's holder is not eligible for this offer today."))
    if offer.minimum_spend is not None and amount_before < offer.minimum_spend:
        raise DiscountError(_("This offer needs a spend of at least ¥%(amount)s.") % {"amount": offer.minimum_spend})
    if offer.total_quota is not None and net_uses(offer).count() >= offer.total_quota:
        raise DiscountError(_("This offer has been used up."))
    if personal_uses_left(offer, benefit_code.resident, now) == 0:
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


def reverse_redemption(redemption: Redemption, staff, reason, idempotency_key) -> Redemption:
    """Correct a mistaken redemption with a reversing record; the original stays as it was."""
    reversal, _new = reverse_counter_record(
        redemption, staff, reason, idempotency_key, _("This redemption has already been reversed.")
    )
    return reversal
