"""What a code may be used for: the offers a code's holder may use at a merchant today, and the quota counts
behind that answer, which redemption checks again.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from market import clock_source
from market.discounts import codes
from market.discounts.models import CodePurpose, Eligibility, Offer, Redemption
from market.discounts.services.helpers import period_start
from market.guards import require


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
    """All a merchant learns from a code: an opaque handle for the holder and the offers usable today, with the
    counter pass that the redemption form carries instead of the code (see codes.py)."""

    holder: str
    offers: list[AvailableOffer]
    counter_pass: str = ""


def net_uses(offer):
    """Redemptions of an offer that stand: originals not reversed."""
    return Redemption.objects.filter(offer=offer, reverses__isnull=True, reversal__isnull=True)


def eligible_group(resident, offer, day):
    """The group under whose eligibility the resident may use the offer on a day (the first in order), or None."""
    eligibility = (
        Eligibility.objects.valid_on(day)
        .filter(resident=resident, group__in=offer.groups.all())
        .order_by("group__sort_order", "group__code")
        .select_related("group")
        .first()
    )
    return eligibility.group if eligibility else None


def personal_uses_left(offer, resident, now) -> int | None:
    """How often the holder may still use the offer in the current period, or None for no limit."""
    if offer.per_person_quota is None:
        return None
    since = period_start(offer.quota_period, timezone.localdate(now))
    used = net_uses(offer).filter(resident=resident, redeemed_at__gte=since).count()
    return max(0, offer.per_person_quota - used)


def _uses_left(offer, resident, now) -> int | None:
    """How often the holder may still use the offer now, or None for no limit; 0 when it is used up."""
    limits = [personal_uses_left(offer, resident, now)]
    if offer.total_quota is not None:
        limits.append(max(0, offer.total_quota - net_uses(offer).count()))
    limits = [limit for limit in limits if limit is not None]
    return min(limits) if limits else None


def lookup_for_merchant(code: str, merchant, *, staff, ip_address=None, location=None) -> CodeLookup:
    """Which of this merchant's offers (at an outlet, if given) the code's holder may use today. Nothing else
    about the holder is told: no name, no group, no id, only a handle that differs from merchant to merchant.
    """
    require(staff, "discounts.serve_at_counter", merchant)
    presented = codes.resolve(code, staff, ip_address, organization=merchant)
    benefit_code = presented.benefit_code
    now = clock_source.now()
    offers = Offer.objects.live(timezone.localdate(now)).filter(organization=merchant).order_by("name", "pk")
    if location is not None:
        offers = offers.filter(locations=location)
    available = []
    for offer in offers.prefetch_related("groups"):
        if eligible_group(benefit_code.resident, offer, timezone.localdate(now)) is None:
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
    if not presented.from_pass:
        codes.log_use(presented, staff=staff, organization=merchant, location=location, purpose=CodePurpose.LOOKUP)
    return CodeLookup(
        holder=codes.merchant_handle(benefit_code, merchant),
        offers=available,
        counter_pass=codes.counter_pass(presented, merchant, staff),
    )
