"""The bureau's discount reports in the Wagtail admin: one view per report, each with filters, a chart, the
table of its numbers and CSV/XLSX export (market/admin_reports.py).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.admin_reports import ChartedReportView, ReportFilterSet
from market.discounts.admin import queries
from market.discounts.models import EligibilityGroup, Redemption
from market.places.models import District

SAVINGS_COLUMNS = [
    ("redemptions", _("Redemptions (net)")),
    ("amount_before", _("Amount before discount (yuan)")),
    ("saving", _("Saving (yuan)")),
]


class DatesFilterSet(ReportFilterSet):
    class Meta:
        model = Redemption
        fields = []


class DistrictFilterSet(DatesFilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )


class GroupAndDistrictFilterSet(DistrictFilterSet):
    group = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("eligibility", "Group"),
        queryset=EligibilityGroup.objects.all(),
        empty_label=_("All groups"),
    )


class DiscountReportView(ChartedReportView):
    """A discount report: savings by default; `rows(criteria)` and `columns_spec` say otherwise."""

    permission = "discounts.view_reports"
    url_namespace = "discount_reports"
    filename_prefix = "discounts"
    criteria_class = queries.Criteria
    columns_spec = SAVINGS_COLUMNS
    chart_value = "saving"
    filterset_class = DatesFilterSet


class SavingsByGroupView(DiscountReportView):
    name = "savings_by_group"
    page_title = _("Savings by group")
    label_heading = pgettext_lazy("eligibility", "Group")
    filterset_class = GroupAndDistrictFilterSet

    def rows(self, criteria):
        return queries.savings_by("group", criteria)


class SavingsByDistrictView(DiscountReportView):
    name = "savings_by_district"
    page_title = _("Savings by district")
    label_heading = _("District")
    filterset_class = GroupAndDistrictFilterSet

    def rows(self, criteria):
        return queries.savings_by("district", criteria)


class SavingsByMonthView(DiscountReportView):
    name = "savings_by_month"
    page_title = _("Savings by month")
    label_heading = _("Month")
    chart_kind = "line"
    filterset_class = GroupAndDistrictFilterSet

    def rows(self, criteria):
        return queries.savings_by("month", criteria)


class RedemptionsPerMerchantView(DiscountReportView):
    name = "redemptions_per_merchant"
    page_title = _("Redemptions per merchant")
    label_heading = _("Merchant")
    chart_value = "redemptions"
    filterset_class = GroupAndDistrictFilterSet

    def rows(self, criteria):
        return queries.redemptions_per_merchant(criteria)


class SubsidyView(DiscountReportView):
    name = "subsidy"
    page_title = _("Subsidy claimed and paid")
    label_heading = _("Merchant and month")
    columns_spec = [
        ("claims", _("Claims")),
        ("claimed", _("Claimed (yuan)")),
        ("approved", _("Approved (yuan)")),
        ("paid", _("Paid (yuan)")),
        ("references", _("Payment references (claim and transfer)")),
    ]
    chart_value = "claimed"
    filterset_class = DistrictFilterSet

    def rows(self, criteria):
        return queries.subsidy_claimed_and_paid(criteria)


class FlaggedSalesPerOutletView(DiscountReportView):
    name = "flagged_sales"
    page_title = _("Subsidy: flagged sales per outlet")
    label_heading = _("Merchant and outlet")
    columns_spec = [
        ("flagged", _("Flagged sales")),
        ("waiting", _("Waiting for a reviewer")),
        ("cleared", _("Cleared")),
        ("rejected", pgettext_lazy("decision", "Rejected")),
        ("units", _("Units")),
        ("subsidy", _("Subsidy on them (yuan)")),
    ]
    chart_value = "flagged"
    filterset_class = DistrictFilterSet

    def rows(self, criteria):
        return queries.flagged_sales_per_outlet(criteria)


class CodesAtManyOutletsView(DiscountReportView):
    name = "codes_at_many_outlets"
    page_title = _("Codes used at many outlets within an hour")
    label_heading = _("Benefit code and first use")
    columns_spec = [
        ("benefit_code", _("Benefit code (record number)")),
        ("first_redemption", _("First redemption")),
        ("outlets", _("Outlets within the hour")),
    ]
    chart_value = "outlets"

    def rows(self, criteria):
        return queries.codes_at_many_outlets(criteria)


class OutletsAbovePeersView(DiscountReportView):
    name = "outlets_above_peers"
    page_title = _("Outlets far above their peers")
    label_heading = _("Outlet")
    columns_spec = [
        ("category", _("Category")),
        ("redemptions", _("Redemptions (net)")),
        ("category_median", _("Median of the category's outlets")),
    ]
    chart_value = "redemptions"

    def rows(self, criteria):
        return queries.outlets_far_above_peers(criteria)


REPORTS = [
    SavingsByGroupView,
    SavingsByDistrictView,
    SavingsByMonthView,
    RedemptionsPerMerchantView,
    SubsidyView,
    FlaggedSalesPerOutletView,
    CodesAtManyOutletsView,
    OutletsAbovePeersView,
]
