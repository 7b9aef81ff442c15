"""The bureau's numbers on flexible work: posts, places, applications and hires by district, category or month of
publication; the share of hires that went to residents verified as registered unemployed when they applied; and
the days from publishing a post to its first hire (the median of the posts that have one).

One aggregate query gives each post's counts; the posts are then grouped here, where the median is taken. Rows
are plain values for a table, a chart and a CSV/XLSX export, labelled in the language of the request.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Min, Q
from django.utils import timezone

from market.jobs.models import JobApplicationState, JobPost
from market.places.models import District
from market.registry.models import Category

DIMENSIONS = ("district", "category", "month")
HIRED = Q(applications__state=JobApplicationState.HIRED)
ONE_PLACE = Decimal("0.1")


@dataclass(frozen=True)
class Criteria:
    """Posts published from `start` to `end` (Nanjing days, both included), in a district, of a category."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    district: District | None = None
    category: Category | None = None


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def posts_with_counts(criteria: Criteria):
    posts = JobPost.objects.all()
    if criteria.start is not None:
        posts = posts.filter(published_at__gte=_midnight(criteria.start))
    if criteria.end is not None:
        posts = posts.filter(published_at__lt=_midnight(criteria.end + datetime.timedelta(days=1)))
    if criteria.district is not None:
        posts = posts.filter(location__district=criteria.district)
    if criteria.category is not None:
        posts = posts.filter(category=criteria.category)
    return (
        posts.select_related("location__district", "category")
        .annotate(
            applications_count=Count("applications", distinct=True),
            hires_count=Count("applications", filter=HIRED, distinct=True),
            priority_hires_count=Count(
                "applications", filter=HIRED & Q(applications__priority_applicant=True), distinct=True
            ),
            first_hire_at=Min("applications__hired_at"),
        )
        .order_by("published_at", "pk")
    )


def _key(post, dimension: str) -> tuple:
    """(sort key, label) of the post's row."""
    if dimension == "district":
        district = post.location.district
        return (district.code, district.display_name)
    if dimension == "category":
        return ((post.category.sort_order, post.category.code), post.category.display_name)
    month = timezone.localtime(post.published_at).strftime("%Y-%m")
    return (month, month)


def _one_place(value) -> Decimal:
    return Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def summary(dimension: str, criteria: Criteria = Criteria()) -> list[dict]:
    """One row per district, category or month, in that order."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"Unknown dimension: {dimension}")
    groups = defaultdict(list)
    labels = {}
    for post in posts_with_counts(criteria):
        sort_key, label = _key(post, dimension)
        groups[sort_key].append(post)
        labels[sort_key] = label
    rows = []
    for sort_key in sorted(groups):
        posts = groups[sort_key]
        hires = sum(post.hires_count for post in posts)
        priority_hires = sum(post.priority_hires_count for post in posts)
        days = [
            (post.first_hire_at - post.published_at).total_seconds() / 86400 for post in posts if post.first_hire_at
        ]
        rows.append(
            {
                "label": labels[sort_key],
                "posts": len(posts),
                "places": sum(post.places for post in posts),
                "applications": sum(post.applications_count for post in posts),
                "hires": hires,
                "priority_hires": priority_hires,
                "priority_share": _one_place(Decimal(priority_hires) * 100 / hires) if hires else None,
                "days_to_first_hire": _one_place(statistics.median(days)) if days else None,
            }
        )
    return rows
