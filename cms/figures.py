"""Live figures and offers for the home page, each a fixed number of queries however much there is."""

import datetime
from decimal import Decimal

from django.utils import timezone

from market import clock_source
from market.discounts.models import Offer
from market.discounts.reports import total_saving

HOME_OFFER_COUNT = 4


def savings_this_month() -> Decimal:
    """What eligible residents saved since the first of this month (Asia/Shanghai)."""
    today = clock_source.today()
    start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time.min))
    return total_saving(start=start)


def current_offers() -> list[Offer]:
    """The newest live offers of listed merchants, with their merchant and groups."""
    offers = Offer.objects.live(clock_source.today()).select_related("organization").prefetch_related("groups")
    return list(offers.order_by("-valid_from", "-pk")[:HOME_OFFER_COUNT])
