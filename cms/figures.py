"""Live figures and offers for the home page, each a fixed number of queries however much there is.

They are computed once and kept in the shared cache (Redis in production) as `home_figures()`: the register's
events clear them (cms.receivers: a listing approved, suspended, revoked or expired, an offer, a merchant's profile
or the category tree changed), and the month's savings, which no event announces, are at most FIGURES_SECONDS
old.
"""

import datetime
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone

from market import clock_source
from market.discounts.models import Offer
from market.discounts.reports import total_saving
from market.registry.models import Category, Organization

HOME_OFFER_COUNT = 4
HOME_FIGURES = "cms:home-figures:{month}"
FIGURES_SECONDS = 300


def savings_this_month() -> Decimal:
    """What eligible residents saved since the first of this month (Asia/Shanghai)."""
    today = clock_source.today()
    start = timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time.min))
    return total_saving(start=start)


def current_offers() -> list[Offer]:
    """The newest live offers of listed merchants, with their merchant and groups."""
    offers = Offer.objects.live(clock_source.today()).select_related("organization").prefetch_related("groups")
    return list(offers.order_by("-valid_from", "-pk")[:HOME_OFFER_COUNT])


def _key() -> str:
    return HOME_FIGURES.format(month=clock_source.today().strftime("%Y-%m"))


def home_figures() -> dict:
    """The service categories, the listed merchants' count, this month's savings and the current offers, from the
    cache when it has them."""
    figures = cache.get(_key())
    if figures is None:
        figures = {
            "categories": list(Category.objects.filter(parent=None)),
            "listed_merchant_count": Organization.objects.listed().count(),
            "savings_this_month": savings_this_month(),
            "offers": current_offers(),
        }
        cache.set(_key(), figures, FIGURES_SECONDS)
    return figures


def forget_home_figures() -> None:
    cache.delete(_key())
