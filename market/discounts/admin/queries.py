"""The bureau's reports with the admin's filters applied: rows of plain values, labelled for a table, a chart
and an export. The aggregates themselves are market/discounts/reports.py; this adds only the group and district
filters and the labels, in the language of the request.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import get_language

from market.discounts import reports
from market.discounts.models import EligibilityGroup
from market.places.models import District
from market.registry.models import Location

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Criteria:
    """The filters of a report: a date range (both ends included, Nanjing days), a group, a district."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    group: EligibilityGroup | None = None
    district: District | None = None

    @property
    def start_at(self) -> datetime.datetime | None:
        return _midnight(self.start) if self.start else None

    @property
    def end_before(self) -> datetime.datetime | None:
        return _midnight(self.end + datetime.timedelta(days=1)) if self.end else None


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _money(value) -> Decimal:
    # SQLite sums decimals as floats ("400"); money is shown and exported to the fen.
    return Decimal(str(value or 0)).quantize(CENT)


def _bilingual(row, chinese: str, english: str) -> str:
    if (get_language() or "").startswith("en") and row.get(english):
        return row[english]
    return row.get(chinese) or ""


def _money_rows(queryset, label):
    return [
        {
            "label": label(row),
            "redemptions": row["redemptions"],
            "amount_before": _money(row["amount_before"]),
            "saving": _money(row["saving"]),
        }
        for row in queryset
    ]


def _redemption_filters(queryset, criteria: Criteria):
    if criteria.group is not None:
        queryset = queryset.filter(group=criteria.group)
    if criteria.district is not None:
        queryset = queryset.filter(location__district=criteria.district)
    return queryset


def savings_by(dimension: str, criteria: Criteria) -> list[dict]:
    rows = reports.savings(by=[dimension], start=criteria.start_at, end=criteria.end_before)
    rows = _redemption_filters(rows, criteria)
    labels = {
        "group": lambda row: _bilingual(row, "group__name", "group__name_en"),
        "district": lambda row: _bilingual(row, "location__district__name", "location__district__name_en"),
        "month": lambda row: f"{row['month']:%Y-%m}",
    }
    return _money_rows(rows, labels[dimension])


def redemptions_per_merchant(criteria: Criteria) -> list[dict]:
    rows = reports.redemptions_per_merchant(start=criteria.start_at, end=criteria.end_before)
    rows = _redemption_filters(rows, criteria)
    return _money_rows(rows, lambda row: row["organization__alternate_name"] or row["organization__name"])


def subsidy_claimed_and_paid(criteria: Criteria) -> list[dict]:
    rows = reports.subsidy_claimed_and_paid(start=criteria.start, end=_day_after(criteria.end))
    references = reports.claim_payment_references(start=criteria.start, end=_day_after(criteria.end))
    if criteria.district is not None:
        # A subquery, not a join: a merchant with two outlets in the district must not count twice.
        rows = rows.filter(organization__in=Location.objects.filter(district=criteria.district).values("organization"))
    return [
        {
            "label": f"{row['organization__name']} · {row['month']:%Y-%m}",
            "merchant": row["organization__name"],
            "month": f"{row['month']:%Y-%m}",
            "claims": row["claims"],
            "claimed": _money(row["claimed"]),
            "approved": _money(row["approved"]),
            "paid": _money(row["paid"]),
            "references": "; ".join(references.get((row["organization_id"], row["month"]), [])),
        }
        for row in rows
    ]


def _day_after(day):
    return day + datetime.timedelta(days=1) if day else None


def flagged_sales_per_outlet(criteria: Criteria) -> list[dict]:
    rows = reports.flagged_sales_per_outlet(start=criteria.start_at, end=criteria.end_before)
    if criteria.district is not None:
        rows = rows.filter(sale__location__district=criteria.district)
    return [
        {
            "label": f"{row['sale__organization__name']} · {row['sale__location__name']}",
            "flagged": row["flagged"],
            "waiting": row["waiting"],
            "cleared": row["cleared"],
            "rejected": row["rejected"],
            "units": row["units"],
            "subsidy": _money(row["subsidy"]),
        }
        for row in rows
    ]


def codes_at_many_outlets(criteria: Criteria) -> list[dict]:
    rows = reports.codes_at_many_outlets(start=criteria.start_at, end=criteria.end_before)
    return [
        {
            "label": f"#{row['benefit_code_id']} · {timezone.localtime(row['redeemed_at']):%Y-%m-%d %H:%M}",
            "resident": row["resident_id"],
            "benefit_code": row["benefit_code_id"],
            "first_redemption": timezone.localtime(row["redeemed_at"]).strftime("%Y-%m-%d %H:%M"),
            "outlets": row["outlets_within"],
        }
        for row in rows
    ]


def outlets_far_above_peers(criteria: Criteria) -> list[dict]:
    rows = reports.outlets_far_above_peers(start=criteria.start_at, end=criteria.end_before)
    return [
        {
            "label": row["location__name"],
            "outlet": row["location__name"],
            "category": row["category"],
            "redemptions": row["redemptions"],
            "category_median": row["category_median"],
        }
        for row in rows
    ]
