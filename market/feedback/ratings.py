"""Average rating and count per outlet and per merchant, from published reviews only.

The review services call `recount` in the transaction of every change, after locking the merchant's row, so the
summaries are counted again from the reviews themselves (never incremented) and two changes at once cannot lose
one another. Search reads them with `ratings_for` when `signals.ratings_changed` names a merchant.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from market.feedback.models import MerchantRating, OutletRating, Review, ReviewState

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Rating:
    """What a page shows and search indexes: the average to the hundredth (None with no review) and the count."""

    average: Decimal | None
    count: int

    @property
    def stars(self) -> int:
        """Whole stars to draw: the average to the nearest star (the words beside them give the exact one)."""
        return 0 if self.average is None else int(self.average.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def filled_glyphs(self) -> str:
        return "★" * self.stars

    @property
    def empty_glyphs(self) -> str:
        return "☆" * (5 - self.stars)

    @property
    def rounded(self) -> str:
        """The average as shown beside the stars, e.g. "4.3"."""
        return "" if self.average is None else f"{self.average.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


NO_RATING = Rating(average=None, count=0)


def average_of(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _summary_values(queryset) -> dict:
    totals = queryset.filter(state=ReviewState.PUBLISHED).aggregate(count=Count("pk"), total=Sum("rating"))
    count, total = totals["count"] or 0, totals["total"] or 0
    return {"review_count": count, "rating_total": total, "average": average_of(total, count)}


def recount(organization_id: int, location_ids) -> None:
    """Count the merchant's published ratings again, and those of the outlets named."""
    for location_id in set(location_ids):
        OutletRating.objects.update_or_create(
            location_id=location_id, defaults=_summary_values(Review.objects.filter(location_id=location_id))
        )
    MerchantRating.objects.update_or_create(
        organization_id=organization_id,
        defaults=_summary_values(Review.objects.filter(organization_id=organization_id)),
    )


def _as_rating(summary) -> Rating:
    return Rating(average=summary.average, count=summary.review_count)


def ratings_for(organization_ids) -> dict[int, Rating]:
    """Each merchant's rating in one query; merchants without a published review are left out."""
    summaries = MerchantRating.objects.filter(organization_id__in=list(organization_ids), review_count__gt=0)
    return {summary.organization_id: _as_rating(summary) for summary in summaries}


def outlet_ratings_for(location_ids) -> dict[int, Rating]:
    summaries = OutletRating.objects.filter(location_id__in=list(location_ids), review_count__gt=0)
    return {summary.location_id: _as_rating(summary) for summary in summaries}


def merchant_rating(organization) -> Rating:
    return ratings_for([organization.pk]).get(organization.pk, NO_RATING)
