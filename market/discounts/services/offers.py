"""Offers: a merchant publishes or changes a discount, and what it saves on an amount."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from market.discounts import signals
from market.discounts.errors import DiscountError
from market.discounts.models import Offer, OfferKind
from market.discounts.services.helpers import CENT
from market.errors import NotPermitted
from market.events import send_after_commit
from market.guards import require


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
