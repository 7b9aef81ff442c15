"""Queries for the residents' and merchants' benefit pages: what is theirs, and the shapes the templates draw.

Everything a page shows is found through these, starting from the signed-in person, so that another person's
application, redemption, offer or claim is simply not found (a 404), never shown and then refused.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import reports
from market.discounts.models import (
    Eligibility,
    EligibilityApplicationState,
    EligibilityGroup,
    MicroProfitSale,
    MicroProfitService,
    Offer,
    OfferKind,
    Redemption,
    SubsidyClaim,
)
from market.discounts.services.benefit_codes import active_benefit_code
from market.discounts.services.eligibility import offers_for_resident
from market.discounts.services.helpers import period_start
from market.registry.models import ListingStatus, Location, Organization

CENT = Decimal("0.01")
CHART_MONTHS = 12
# The chart's drawing area in SVG user units; the SVG scales to the width of the screen.
CHART_WIDTH, CHART_HEIGHT = 640, 260
PLOT_TOP, PLOT_BOTTOM, PLOT_MARGIN = 24, 220, 16

# ---------------------------------------------------------------- the merchant's own


def listed_organizations(user):
    """The merchant's businesses that may serve residents: those on the register now."""
    return Organization.objects.filter(owner=user, listing_status=ListingStatus.ACTIVE).order_by("name", "pk")


def own_outlets(user):
    return (
        Location.objects.filter(organization__in=listed_organizations(user))
        .select_related("organization")
        .order_by("organization__name", "name", "pk")
    )


def own_offers(user):
    return (
        Offer.objects.filter(organization__owner=user)
        .select_related("organization")
        .prefetch_related("locations", "groups")
        .order_by("-active", "-valid_from", "name", "pk")
    )


def own_micro_profit_services(user):
    return (
        MicroProfitService.objects.filter(organization__owner=user)
        .select_related("organization", "service_type", "service_type__category")
        .prefetch_related("locations")
        .order_by("organization__name", "name", "pk")
    )


def own_redemptions(user):
    return Redemption.objects.filter(organization__owner=user).select_related(
        "offer", "location", "organization", "reverses", "reversal"
    )


def own_sales(user):
    return MicroProfitSale.objects.filter(organization__owner=user).select_related(
        "service", "location", "organization", "reverses", "reversal", "benefit_code"
    )


def own_claims(user):
    return SubsidyClaim.objects.filter(organization__owner=user).select_related("organization")


def redemption_summaries(user, viewer):
    """Per business: its redemptions per offer and outlet, with net totals."""
    summaries = []
    with_redemptions = Organization.objects.filter(owner=user, redemptions__isnull=False).distinct()
    for organization in with_redemptions.order_by("name", "pk"):
        rows = list(reports.merchant_redemption_summary(organization, viewer))
        summaries.append({"organization": organization, "rows": rows})
    return summaries


def merchant_overview(user) -> dict:
    """The numbers on the merchant's account page."""
    today = clock_source.today()
    month_start = period_start("month", today)
    this_month = own_redemptions(user).filter(redeemed_at__gte=month_start)
    return {
        "listed": listed_organizations(user).exists(),
        "live_offers": Offer.objects.live(today).filter(organization__owner=user).count(),
        "redemptions_this_month": this_month.filter(reverses__isnull=True).count()
        - this_month.filter(reverses__isnull=False).count(),
        "open_claims": own_claims(user).filter(state__in=[SubsidyClaim.S.SUBMITTED, SubsidyClaim.S.CHECKED]).count(),
    }


# ---------------------------------------------------------------- the resident's own


def own_eligibilities(resident):
    return Eligibility.objects.filter(resident=resident).select_related("group").order_by("-valid_until", "pk")


def own_redemptions_as_resident(resident):
    return Redemption.objects.filter(resident=resident).select_related(
        "offer", "organization", "location", "reverses", "reversal"
    )


@dataclass(frozen=True)
class GroupOffers:
    group: EligibilityGroup
    valid_until: datetime.date
    offers: list


def offers_by_group(resident, day=None) -> list[GroupOffers]:
    """The live offers the resident may use, under each group they are eligible for today."""
    day = day or clock_source.today()
    eligibilities = (
        Eligibility.objects.valid_on(day)
        .filter(resident=resident)
        .select_related("group")
        .order_by("group__sort_order", "group__code")
    )
    outlets = Location.objects.select_related("district").order_by("name")
    offers = list(
        offers_for_resident(resident, day)
        .prefetch_related("groups", Prefetch("locations", queryset=outlets))
        .order_by("organization__name", "name", "pk")
    )
    return [
        GroupOffers(
            group=eligibility.group,
            valid_until=eligibility.valid_until,
            offers=[offer for offer in offers if eligibility.group in offer.groups.all()],
        )
        for eligibility in eligibilities
    ]


def resident_overview(resident) -> dict:
    """The numbers on the resident's account page."""
    today = clock_source.today()
    saved = Redemption.objects.filter(resident=resident).aggregate(total=Sum("saving"))["total"]
    pending = resident.eligibility_applications.filter(state=EligibilityApplicationState.SUBMITTED)
    return {
        "eligibilities": Eligibility.objects.valid_on(today).filter(resident=resident).count(),
        "pending_applications": pending.count(),
        "has_code": active_benefit_code(resident) is not None,
        "offers": offers_for_resident(resident, today).count(),
        "total_saved": money(saved),
    }


# ---------------------------------------------------------------- savings chart


@dataclass(frozen=True)
class MonthSavings:
    month: datetime.date
    redemptions: int
    amount_before: Decimal
    saving: Decimal


@dataclass(frozen=True)
class Bar:
    month: datetime.date
    saving: Decimal
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass(frozen=True)
class SavingsChart:
    """A bar per month, sized for an SVG of CHART_WIDTH × CHART_HEIGHT, and the same numbers as rows."""

    months: list[MonthSavings]
    bars: list[Bar]
    total: Decimal
    largest: Decimal
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    baseline: int = PLOT_BOTTOM


def money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT)


def _month_after(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def savings_chart(resident, viewer) -> SavingsChart:
    """The resident's savings per month, from the first month with a redemption (at most a year back) to this
    month, months without any shown as zero. The viewer must be the resident (or bureau staff).
    """
    rows = {
        timezone.localtime(row["month"]).date() if isinstance(row["month"], datetime.datetime) else row["month"]: row
        for row in reports.resident_savings(resident, viewer)
    }
    this_month = clock_source.today().replace(day=1)
    first_shown = this_month
    for _count in range(CHART_MONTHS - 1):
        first_shown = (first_shown - datetime.timedelta(days=1)).replace(day=1)
    months = []
    if rows:
        month = max(min(rows), first_shown)
        while month <= this_month:
            row = rows.get(month, {})
            months.append(
                MonthSavings(
                    month=month,
                    redemptions=row.get("redemptions") or 0,
                    amount_before=money(row.get("amount_before")),
                    saving=money(row.get("saving")),
                )
            )
            month = _month_after(month)
    total = money(sum((row["saving"] or 0 for row in rows.values()), Decimal(0)))
    return SavingsChart(months=months, bars=_bars(months), total=total, largest=_largest(months))


def _largest(months) -> Decimal:
    return max((month.saving for month in months), default=Decimal(0))


def _bars(months) -> list[Bar]:
    largest = _largest(months)
    if not months:
        return []
    slot = (CHART_WIDTH - 2 * PLOT_MARGIN) / len(months)
    bar_width = slot * 0.6
    bars = []
    for index, month in enumerate(months):
        # A net negative month (a correction of an earlier one) draws no bar; the table gives its number.
        share = float(month.saving / largest) if largest > 0 and month.saving > 0 else 0.0
        height = (PLOT_BOTTOM - PLOT_TOP) * share
        x = PLOT_MARGIN + index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                month=month.month,
                saving=month.saving,
                x=round(x, 1),
                y=round(PLOT_BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                label_x=round(x + bar_width / 2, 1),
            )
        )
    return bars


# ---------------------------------------------------------------- wording


def describe_discount(kind, amount, maximum_discount=None, minimum_spend=None) -> str:
    """ "10% off, at most ¥20.00, on a spend of ¥50.00 or more", for offers and for what a code may be used for."""
    if kind == OfferKind.PERCENT:
        text = _("%(percent)s%% off") % {"percent": f"{amount.normalize():f}"}
        if maximum_discount is not None:
            text = _("%(discount)s, at most ¥%(maximum)s") % {"discount": text, "maximum": maximum_discount}
    else:
        text = _("¥%(amount)s off") % {"amount": amount}
    if minimum_spend is not None:
        text = _("%(discount)s, on a spend of ¥%(minimum)s or more") % {"discount": text, "minimum": minimum_spend}
    return str(text)
