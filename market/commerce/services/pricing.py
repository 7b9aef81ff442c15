"""What an order costs a resident: the list price, capped for a micro-profit service, then the one offer that saves
them most among those their eligibility groups get at this outlet today (offers do not stack)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from market import clock_source
from market.discounts.models import Eligibility, Offer, Redemption
from market.discounts.services.eligibility import offers_for_resident
from market.discounts.services.helpers import period_start
from market.discounts.services.offers import saving_for


@dataclass(frozen=True)
class Quote:
    list_unit_price: Decimal
    unit_price: Decimal
    micro_profit: bool  # sold as a micro-profit service, under the cap, and counted for the subsidy
    quantity: int
    subtotal: Decimal
    offer: Offer | None
    group: object  # EligibilityGroup | None
    discount: Decimal

    @property
    def list_total(self) -> Decimal:
        return self.list_unit_price * self.quantity

    @property
    def cap_saving(self) -> Decimal:
        return self.list_total - self.subtotal

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount

    @property
    def saving(self) -> Decimal:
        return self.cap_saving + self.discount


@dataclass(frozen=True)
class PricingFacts:
    """What the prices of a merchant's services depend on for one resident at one moment, read at once in a fixed
    number of queries however many services and offers there are: the resident's eligibilities that day (in the
    order `eligible_group` chooses by), the merchant's live offers for those groups (with their outlets and
    groups), each offer's standing uses and the resident's own since the earliest quota period."""

    now: datetime.datetime
    day: datetime.date
    eligibilities: list[Eligibility]
    offers: list[Offer]
    uses: dict[int, int]
    own_uses: dict[int, list[datetime.datetime]]

    def usable(self, offer, location, subtotal) -> bool:
        """As the counter decides: at this outlet, above the minimum spend, within the total and personal quotas."""
        if not any(outlet.pk == location.pk for outlet in offer.locations.all()):
            return False
        if offer.minimum_spend is not None and subtotal < offer.minimum_spend:
            return False
        if offer.total_quota is not None and self.uses.get(offer.pk, 0) >= offer.total_quota:
            return False
        if offer.per_person_quota is None:
            return True
        since = period_start(offer.quota_period, self.day)
        used = sum(1 for moment in self.own_uses.get(offer.pk, []) if moment >= since)
        return offer.per_person_quota - used > 0

    def group_for(self, offer):
        """The group under whose eligibility the resident uses the offer (as code_lookup.eligible_group)."""
        groups = {group.pk for group in offer.groups.all()}
        return next((item.group for item in self.eligibilities if item.group_id in groups), None)


def pricing_facts(resident, organization, now: datetime.datetime) -> PricingFacts | None:
    """None for anyone not signed in: they pay the merchant's price."""
    if resident is None or not resident.is_authenticated:
        return None
    day = timezone.localdate(now)
    eligibilities = list(
        Eligibility.objects.valid_on(day)
        .filter(resident=resident)
        .order_by("group__sort_order", "group__code")
        .select_related("group")
    )
    offers = list(
        offers_for_resident(resident, day).filter(organization=organization).prefetch_related("locations", "groups")
    )
    standing = Redemption.objects.filter(offer__in=offers, reverses__isnull=True, reversal__isnull=True)
    uses = dict(standing.order_by().values("offer").annotate(count=Count("pk")).values_list("offer", "count"))
    starts = [period_start(offer.quota_period, day) for offer in offers if offer.per_person_quota is not None]
    own_uses: dict[int, list[datetime.datetime]] = {}
    if starts:
        own = standing.filter(resident=resident, redeemed_at__gte=min(starts)).values_list("offer", "redeemed_at")
        for offer_id, moment in own:
            own_uses.setdefault(offer_id, []).append(moment)
    return PricingFacts(now, day, eligibilities, offers, uses, own_uses)


def _micro_profit_in_force(service, day) -> bool:
    if not service.micro_profit_service_id:
        return False
    micro_profit_service = service.micro_profit_service
    return micro_profit_service.active and micro_profit_service.service_type.in_force(day)


def priced(service, location, quantity: int, facts: PricingFacts | None) -> Quote:
    """The price of `quantity` units at `location` given what `pricing_facts` read (None: anyone, no discount)."""
    micro_profit = facts is not None and bool(facts.eligibilities) and _micro_profit_in_force(service, facts.day)
    unit_price = service.capped_price if micro_profit else service.amount
    subtotal = unit_price * quantity
    best, group, discount = None, None, Decimal("0.00")
    if facts is not None:
        for offer in facts.offers:
            if not facts.usable(offer, location, subtotal):
                continue
            saving = saving_for(offer, subtotal)
            if saving > discount:
                best, discount = offer, saving
        if best is not None:
            group = facts.group_for(best)
    return Quote(
        list_unit_price=service.amount,
        unit_price=unit_price,
        micro_profit=micro_profit,
        quantity=quantity,
        subtotal=subtotal,
        offer=best,
        group=group,
        discount=discount,
    )


def quote(service, location, quantity: int, resident=None) -> Quote:
    """The price of `quantity` units at `location` for `resident` (None: anyone, no discount), as of now."""
    return priced(service, location, quantity, pricing_facts(resident, service.organization, clock_source.now()))
