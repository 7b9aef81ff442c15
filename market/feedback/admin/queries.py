"""The feedback reports' rows: plain values, labelled in the language of the request, for a table, a chart and a
CSV/XLSX export. One or two aggregate queries each; handling times are counted in working days in Python, on one
calendar loaded for the whole report (SQL cannot count working days).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from market import clock_source
from market.feedback.models import (
    UPHELD_OUTCOMES,
    Complaint,
    ComplaintCategory,
    ComplaintState,
    Review,
    ReviewState,
)
from market.licensing.calendar import WorkingCalendar
from market.registry.models import Category, Location, Organization

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
# Without a period, "rising complaints" compares the last 90 days with the 90 before.
DEFAULT_RISING_DAYS = 90
RISING_MINIMUM = 2


@dataclass(frozen=True)
class Criteria:
    """A report's filters: a date range (both ends included, Nanjing days), a district, a service category and a
    complaint category."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    district: object | None = None
    category: Category | None = None
    complaint_category: str = ""

    @property
    def start_at(self):
        return _midnight(self.start) if self.start else None

    @property
    def end_before(self):
        return _midnight(self.end + datetime.timedelta(days=1)) if self.end else None


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _between(queryset, field, criteria: Criteria):
    if criteria.start_at is not None:
        queryset = queryset.filter(**{f"{field}__gte": criteria.start_at})
    if criteria.end_before is not None:
        queryset = queryset.filter(**{f"{field}__lt": criteria.end_before})
    return queryset


def _bilingual(row, chinese: str, english: str) -> str:
    if (get_language() or "").startswith("en") and row.get(english):
        return row[english]
    return row.get(chinese) or ""


def _one_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100 * part) / whole).quantize(TENTH, rounding=ROUND_HALF_UP) if whole else Decimal(0)


# ---------------------------------------------------------------- satisfaction


def _reviews(criteria: Criteria):
    reviews = _between(Review.objects.filter(state=ReviewState.PUBLISHED), "published_at", criteria)
    if criteria.district is not None:
        reviews = reviews.filter(location__district=criteria.district)
    if criteria.category is not None:
        reviews = reviews.filter(organization__categories=criteria.category)
    return reviews


SATISFACTION_DIMENSIONS = {
    "category": (
        "organization__categories__code",
        "organization__categories__name",
        "organization__categories__name_en",
    ),
    "district": ("location__district__code", "location__district__name", "location__district__name_en"),
    "month": ("month",),
}


def satisfaction_by(dimension: str, criteria: Criteria) -> list[dict]:
    """Published ratings by the merchant's category (a merchant in two categories counts in both), the outlet's
    district or the month of publication: how many, their average and the share of 4 and 5 stars."""
    fields = SATISFACTION_DIMENSIONS[dimension]
    rows = (
        _reviews(criteria)
        .annotate(month=TruncMonth("published_at"))
        .order_by()
        .values(*fields)
        .annotate(reviews=Count("pk"), average=Avg("rating"), satisfied=Count("pk", filter=Q(rating__gte=4)))
        .order_by(*fields)
    )
    labels = {
        "category": lambda row: _bilingual(row, "organization__categories__name", "organization__categories__name_en"),
        "district": lambda row: _bilingual(row, "location__district__name", "location__district__name_en"),
        "month": lambda row: f"{row['month']:%Y-%m}",
    }
    return [
        {
            "label": labels[dimension](row),
            "reviews": row["reviews"],
            "average": Decimal(str(row["average"])).quantize(HUNDREDTH, rounding=ROUND_HALF_UP),
            "satisfied_percent": _percent(row["satisfied"], row["reviews"]),
        }
        for row in rows
        if row[fields[0]] is not None
    ]


# ---------------------------------------------------------------- complaints


def _complaints(criteria: Criteria):
    complaints = _between(Complaint.objects.all(), "received_at", criteria)
    if criteria.district is not None:
        # A subquery, not a join: a merchant with two outlets in the district must not count twice.
        in_district = Location.objects.filter(district=criteria.district).values("organization")
        complaints = complaints.filter(
            Q(location__district=criteria.district) | Q(location__isnull=True, organization__in=in_district)
        )
    if criteria.complaint_category:
        complaints = complaints.filter(category=criteria.complaint_category)
    return complaints


def _handling_days(spans) -> dict:
    """Working days from receipt to answer, per complaint id, on one calendar for all of them."""
    if not spans:
        return {}
    calendar = WorkingCalendar(min(start for start, _end in spans.values()), max(end for _start, end in spans.values()))
    return {pk: len(calendar.working_days_after(start, end)) for pk, (start, end) in spans.items()}


def _volume_rows(complaints, key, label) -> list[dict]:
    today = clock_source.today()
    records = list(complaints.values("pk", "category", "received_at", "decided_at", "state", "outcome", "due_on"))
    spans = {
        record["pk"]: (timezone.localdate(record["received_at"]), timezone.localdate(record["decided_at"]))
        for record in records
        if record["state"] == ComplaintState.CLOSED
    }
    days = _handling_days(spans)
    groups = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    rows = []
    for group_key in sorted(groups):
        members = groups[group_key]
        answered = [days[record["pk"]] for record in members if record["pk"] in days]
        rows.append(
            {
                "label": label(group_key),
                "received": len(members),
                "answered": len(answered),
                "upheld": sum(1 for record in members if record["outcome"] in UPHELD_OUTCOMES),
                "overdue": sum(
                    1 for record in members if record["state"] != ComplaintState.CLOSED and record["due_on"] < today
                ),
                "average_working_days": _one_decimal(sum(answered) / len(answered)) if answered else None,
            }
        )
    return rows


def complaints_by_month(criteria: Criteria) -> list[dict]:
    """Per month of receipt: received, answered, upheld (in full or in part), overdue now, and the average number
    of working days from receipt to answer."""
    return _volume_rows(
        _complaints(criteria),
        key=lambda record: timezone.localdate(record["received_at"]).replace(day=1),
        label=lambda month: f"{month:%Y-%m}",
    )


def complaints_by_category(criteria: Criteria) -> list[dict]:
    labels = dict(ComplaintCategory.choices)
    order = {value: index for index, value in enumerate(ComplaintCategory.values)}
    rows = _volume_rows(
        _complaints(criteria),
        key=lambda record: order[record["category"]],
        label=lambda index: str(labels[ComplaintCategory.values[index]]),
    )
    return rows


def rising_complaints(criteria: Criteria) -> list[dict]:
    """Merchants with more complaints in the period than in the period of the same length just before it (and at
    least two now), the steepest rise first."""
    end = criteria.end or clock_source.today()
    start = criteria.start or end - datetime.timedelta(days=DEFAULT_RISING_DAYS - 1)
    length = (end - start).days + 1
    previous_start = start - datetime.timedelta(days=length)
    current = Criteria(start=start, end=end, district=criteria.district, complaint_category=criteria.complaint_category)
    previous = Criteria(
        start=previous_start,
        end=start - datetime.timedelta(days=1),
        district=criteria.district,
        complaint_category=criteria.complaint_category,
    )

    def counts(period):
        rows = _complaints(period).order_by().values("organization_id").annotate(count=Count("pk"))
        return {row["organization_id"]: row["count"] for row in rows}

    now, before = counts(current), counts(previous)
    rising = {pk: count for pk, count in now.items() if count >= RISING_MINIMUM and count > before.get(pk, 0)}
    names = {
        row["pk"]: row["alternate_name"] or row["name"]
        for row in Organization.objects.filter(pk__in=rising).values("pk", "name", "alternate_name")
    }
    upheld = dict(
        Complaint.objects.upheld()
        .filter(organization_id__in=rising)
        .order_by()
        .values("organization_id")
        .annotate(count=Count("pk"))
        .values_list("organization_id", "count")
    )
    rows = [
        {
            "label": names[pk],
            "previous": before.get(pk, 0),
            "current": count,
            "change": count - before.get(pk, 0),
            "upheld": upheld.get(pk, 0),
        }
        for pk, count in rising.items()
    ]
    return sorted(rows, key=lambda row: (-row["change"], -row["current"], row["label"]))
