"""What an order costs a resident: the list price, capped for a micro-profit service, then the one offer that saves
them most among those their eligibility groups get at this outlet today (offers do not stack)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from market import clock_source
from market.discounts.models import Eligibility, Offer
from market.discounts.services.code_lookup import eligible_group, net_uses, personal_uses_left
from market.discounts.services.eligibility import offers_for_resident
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


def _usable(offer, resident, location, subtotal, now) -> bool:
    if not offer.locations.filter(pk=location.pk).exists():
        return False
    if offer.minimum_spend is not None and subtotal < offer.minimum_spend:
        return False
    if offer.total_quota is not None and net_uses(offer).count() >= offer.total_quota:
        return False
    return personal_uses_left(offer, resident, now) != 0


def sold_as_micro_profit(service, resident, day) -> bool:
    """A micro-profit service is sold at its capped price to residents eligible that day, while its type is in
    force; anyone else pays the merchant's price and the sale earns no subsidy."""
    if not service.micro_profit_service_id or resident is None or not resident.is_authenticated:
        return False
    micro_profit_service = service.micro_profit_service
    if not micro_profit_service.active or not micro_profit_service.service_type.in_force(day):
        return False
    return Eligibility.objects.valid_on(day).filter(resident=resident).exists()


def quote(service, location, quantity: int, resident=None) -> Quote:
    """The price of `quantity` units at `location` for `resident` (None: anyone, no discount), as of now."""
    now = clock_source.now()
    micro_profit = sold_as_micro_profit(service, resident, timezone.localdate(now))
    unit_price = service.capped_price if micro_profit else service.amount
    subtotal = unit_price * quantity
    best, group, discount = None, None, Decimal("0.00")
    if resident is not None and resident.is_authenticated:
        offers = offers_for_resident(resident, timezone.localdate(now)).filter(organization=service.organization)
        for offer in offers:
            if not _usable(offer, resident, location, subtotal, now):
                continue
            saving = saving_for(offer, subtotal)
            if saving > discount:
                best, discount = offer, saving
        if best is not None:
            group = eligible_group(resident, best, timezone.localdate(now))
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
