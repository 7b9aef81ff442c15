"""Report queries for the bureau (Wagtail admin), the merchant and the resident.

Each is one or two aggregate queries returning rows of plain values, for a table, a chart or a CSV/XLSX export.
Reversing records carry negated amounts, so sums are net; counts use `units` (+1 a redemption, -1 a reversal).
Rows are by time in Nanjing (the site's time zone).
"""

import datetime
import statistics
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Lead, TruncMonth

from market.discounts.models import Redemption, SaleFlag, SaleFlagState, SubsidyClaim, SubsidyClaimState
from market.errors import NotPermitted
from market.registry.models import Organization

ZERO_MONEY = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))
UNITS = Sum(Case(When(reverses__isnull=True, then=Value(1)), default=Value(-1), output_field=IntegerField()))
SAVINGS_DIMENSIONS = {
    "group": ("group__code", "group__name", "group__name_en"),
    "district": ("location__district__code", "location__district__name", "location__district__name_en"),
    "month": ("month",),
}


def _between(queryset, field, start, end):
    """Records from `start` up to, not including, `end` (aware datetimes; either may be None)."""
    if start is not None:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


def _totals(queryset):
    return queryset.annotate(
        redemptions=UNITS,
        amount_before=Sum("amount_before"),
        saving=Sum("saving"),
    )


def total_saving(*, start=None, end=None) -> Decimal:
    """What eligible residents saved in a period, net of reversals."""
    return _between(Redemption.objects.all(), "redeemed_at", start, end).aggregate(
        saving=Coalesce(Sum("saving"), ZERO_MONEY)
    )["saving"]


def savings(by=("group", "district", "month"), *, start=None, end=None):
    """Savings by any of group, district (of the outlet) and month, e.g. `savings(by=["district"])`."""
    unknown = set(by) - set(SAVINGS_DIMENSIONS)
    if unknown:
        raise ValueError(f"Unknown dimensions: {sorted(unknown)}")
    fields = [field for dimension in by for field in SAVINGS_DIMENSIONS[dimension]]
    queryset = _between(Redemption.objects.all(), "redeemed_at", start, end).annotate(month=TruncMonth("redeemed_at"))
    return _totals(queryset.order_by().values(*fields)).order_by(*fields)


def redemptions_per_merchant(*, start=None, end=None):
    queryset = _between(Redemption.objects.all(), "redeemed_at", start, end)
    rows = queryset.order_by().values("organization_id", "organization__name", "organization__alternate_name")
    return _totals(rows).order_by("-saving", "organization_id")


def subsidy_claimed_and_paid(*, start=None, end=None):
    """Per merchant and month of the claimed period: claimed (not rejected), approved, and paid."""
    claims = SubsidyClaim.objects.all()
    if start is not None:
        claims = claims.filter(period_start__gte=start)
    if end is not None:
        claims = claims.filter(period_start__lt=end)
    live = ~Q(state=SubsidyClaimState.REJECTED)
    approved = Q(state__in=[SubsidyClaimState.APPROVED, SubsidyClaimState.PAID])
    return (
        claims.annotate(month=TruncMonth("period_start"))
        .order_by()
        .values("organization_id", "organization__name", "month")
        .annotate(
            claims=Count("pk", filter=live),
            claimed=Coalesce(Sum("total_subsidy", filter=live), ZERO_MONEY),
            approved=Coalesce(Sum("total_subsidy", filter=approved), ZERO_MONEY),
            paid=Coalesce(Sum("paid_amount"), ZERO_MONEY),
        )
        .order_by("month", "organization_id")
    )


def claim_payment_references(*, start=None, end=None) -> dict:
    """Per merchant and month of the claimed period (the keys of `subsidy_claimed_and_paid`): each paid claim's
    number and payment reference, the Stripe transfer's id where it was paid by transfer, so that the report
    reconciles to the transfers one by one."""
    claims = SubsidyClaim.objects.exclude(payment_reference="")
    if start is not None:
        claims = claims.filter(period_start__gte=start)
    if end is not None:
        claims = claims.filter(period_start__lt=end)
    found = {}
    for pk, organization_id, period_start, reference in claims.order_by("period_start", "pk").values_list(
        "pk", "organization_id", "period_start", "payment_reference"
    ):
        found.setdefault((organization_id, period_start.replace(day=1)), []).append(f"#{pk} {reference}")
    return found


def flagged_sales_per_outlet(*, start=None, end=None):
    """Per outlet: its micro-profit sales held for volume (or for having no code) in a period, by the state of
    their review, with the units and subsidy they carry."""
    flags = _between(SaleFlag.objects.all(), "sale__sold_at", start, end)
    return (
        flags.order_by()
        .values("sale__location_id", "sale__location__name", "sale__organization__name")
        .annotate(
            flagged=Count("pk"),
            waiting=Count("pk", filter=Q(state=SaleFlagState.OPEN)),
            cleared=Count("pk", filter=Q(state=SaleFlagState.CLEARED)),
            rejected=Count("pk", filter=Q(state=SaleFlagState.REJECTED)),
            units=Coalesce(Sum("sale__quantity"), 0),
            subsidy=Coalesce(Sum("sale__subsidy_amount"), ZERO_MONEY),
        )
        .order_by("-flagged", "sale__location_id")
    )


def codes_at_many_outlets(*, start=None, end=None, outlets=3, within=datetime.timedelta(hours=1)):
    """One holder's redemptions at `outlets` or more outlets within an hour: each row is the first redemption of
    such a burst (its resident, code and time) with the number of outlets in the hour from it.
    """
    redemptions = _between(Redemption.objects.filter(reverses__isnull=True), "redeemed_at", start, end)
    # A burst needs that many redemptions within the hour: one sorted pass (a window) finds those anchors, and
    # only they are counted for distinct outlets.
    anchors = (
        redemptions.annotate(
            later_at=Window(
                Lead("redeemed_at", offset=outlets - 1),
                partition_by=[F("resident_id")],
                order_by=F("redeemed_at").asc(),
            )
        )
        .filter(later_at__lt=F("redeemed_at") + within)
        .values("pk")
    )
    in_window = (
        Redemption.objects.filter(
            reverses__isnull=True,
            resident=OuterRef("resident"),
            redeemed_at__gte=OuterRef("redeemed_at"),
            redeemed_at__lt=OuterRef("redeemed_at") + within,
        )
        .order_by()
        .values("resident")
        .annotate(outlets=Count("location", distinct=True))
        .values("outlets")
    )
    return (
        Redemption.objects.filter(pk__in=anchors)
        .annotate(outlets_within=Subquery(in_window, output_field=IntegerField()))
        .filter(outlets_within__gte=outlets)
        .values("pk", "resident_id", "benefit_code_id", "redeemed_at", "outlets_within")
        .order_by("resident_id", "redeemed_at")
    )


def outlets_far_above_peers(*, start=None, end=None, factor=3):
    """Outlets whose redemptions exceed `factor` times the median of outlets in the same category (of their
    merchant) over the period. Peers are the outlets with any redemption in it. The counts are one aggregate
    query per outlet; the medians are taken in Python over those few rows, not over redemptions.
    """
    queryset = _between(Redemption.objects.all(), "redeemed_at", start, end)
    per_outlet = list(
        queryset.order_by().values("location_id", "location__name", "organization_id").annotate(redemptions=UNITS)
    )
    categories = defaultdict(list)
    memberships = Organization.categories.through.objects.filter(
        organization_id__in={row["organization_id"] for row in per_outlet}
    ).values_list("organization_id", "category__code")
    for organization_id, category in memberships:
        categories[organization_id].append(category)
    rows = [
        {**row, "category": category} for row in per_outlet for category in categories[row["organization_id"]]
    ]
    by_category = defaultdict(list)
    for row in rows:
        by_category[row["category"]].append(row["redemptions"])
    medians = {category: statistics.median(counts) for category, counts in by_category.items()}
    flagged = [
        {**row, "category_median": medians[row["category"]]}
        for row in rows
        if row["redemptions"] > factor * medians[row["category"]]
    ]
    return sorted(flagged, key=lambda row: (-row["redemptions"], row["location_id"]))


def resident_savings(resident, viewer, *, start=None, end=None):
    """A resident's savings by month, for themself or for bureau staff; anyone else is refused."""
    if viewer is None or not viewer.has_perm("discounts.view_savings", resident):
        raise NotPermitted()
    queryset = _between(Redemption.objects.filter(resident=resident), "redeemed_at", start, end)
    return _totals(queryset.annotate(month=TruncMonth("redeemed_at")).order_by().values("month")).order_by("month")


def merchant_redemption_summary(organization, viewer, *, start=None, end=None):
    """A merchant's redemptions per offer and outlet, for the merchant itself or bureau staff."""
    if viewer is None or not viewer.has_perm("discounts.view_merchant_redemptions", organization):
        raise NotPermitted()
    queryset = _between(Redemption.objects.filter(organization=organization), "redeemed_at", start, end)
    rows = queryset.order_by().values("offer_id", "offer__name", "location_id", "location__name")
    return _totals(rows).order_by("offer__name", "location__name")
