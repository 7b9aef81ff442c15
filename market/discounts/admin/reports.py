"""The bureau's discount reports in the Wagtail admin: one view per report, each with filters, a chart, the
table of its numbers and CSV/XLSX export (Wagtail's ReportView and SpreadsheetExportMixin).
"""

import django_filters
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from market.discounts.admin import queries
from market.discounts.admin.charts import chart
from market.discounts.admin.permissions import may_view_reports
from market.discounts.models import EligibilityGroup, Redemption
from market.places.models import District

SAVINGS_COLUMNS = [
    ("redemptions", _("Redemptions (net)")),
    ("amount_before", _("Amount before discount (yuan)")),
    ("saving", _("Saving (yuan)")),
]


class DatesFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(label=_("Date range"), widget=DateRangePickerWidget)

    class Meta:
        # django-filter needs a model; the view reads the cleaned values and passes them to the report query.
        model = Redemption
        fields = []


class DistrictFilterSet(DatesFilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )


class GroupAndDistrictFilterSet(DistrictFilterSet):
    group = django_filters.ModelChoiceFilter(
        label=_("Group"), queryset=EligibilityGroup.objects.all(), empty_label=_("All groups")
    )


class DiscountReportView(ReportView):
    """A report: `rows(criteria)` gives labelled rows; `columns` names the numbers the table and export show."""

    def write_csv_response(self, queryset):
        # Wagtail streams the CSV after its override of the user's admin language has ended: write it now, so
        # the headings come out in the language the report is read in. A report is a few thousand rows at most.
        streamed = super().write_csv_response(queryset)
        response = HttpResponse(b"".join(streamed.streaming_content), content_type="text/csv")
        response["Content-Disposition"] = streamed["Content-Disposition"]
        return response

    name = ""
    page_title = ""
    header_icon = "table"
    label_heading = ""
    columns_spec = SAVINGS_COLUMNS
    chart_kind = "bar"
    chart_value = "saving"
    filterset_class = DatesFilterSet
    results_template_name = "discounts/admin/report_results.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_view_reports(request.user):
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def rows(self, criteria: queries.Criteria) -> list[dict]:
        raise NotImplementedError

    @cached_property
    def index_url_name(self):
        return f"discount_reports:{self.name}"

    @cached_property
    def index_results_url_name(self):
        return f"discount_reports:{self.name}_results"

    @cached_property
    def criteria(self) -> queries.Criteria:
        if not (self.filters and self.filters.is_valid()):
            return queries.Criteria()
        cleaned = self.filters.form.cleaned_data
        period = cleaned.get("period")
        return queries.Criteria(
            start=period.start.date() if period and period.start else None,
            end=period.stop.date() if period and period.stop else None,
            group=cleaned.get("group"),
            district=cleaned.get("district"),
        )

    def get_queryset(self):
        return self.rows(self.criteria)

    def filter_queryset(self, queryset):
        return queryset  # the criteria went into the report's query already

    @property
    def list_export(self):
        return ["label", *(key for key, _label in self.columns_spec)]

    @property
    def export_headings(self):
        return {"label": self.label_heading, **dict(self.columns_spec)}

    def get_filename(self):
        return f"discounts-{self.name.replace('_', '-')}"

    @cached_property
    def columns(self):
        return [Column("label", label=self.label_heading)] + [
            Column(key, label=label) for key, label in self.columns_spec
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["chart"] = chart(self.chart_kind, self.chart_title, list(context["object_list"]), self.chart_value)
        return context

    @property
    def chart_title(self):
        return self.page_title


class SavingsByGroupView(DiscountReportView):
    name = "savings_by_group"
    page_title = _("Savings by group")
    label_heading = _("Group")
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
        ("rejected", _("Rejected")),
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


def urlpatterns():
    patterns = []
    for view in REPORTS:
        patterns.append(path(f"{view.name}/", view.as_view(), name=view.name))
        patterns.append(path(f"{view.name}/results/", view.as_view(results_only=True), name=f"{view.name}_results"))
    return patterns


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_reports(request.user)


def reports_menu_item() -> SubmenuMenuItem:
    """The "Discount reports" menu, for reviewers, approvers and administrators."""
    items = [
        ReportMenuItem(
            view.page_title, reverse(f"discount_reports:{view.name}"), name=view.name, icon_name="table", order=index
        )
        for index, view in enumerate(REPORTS)
    ]
    return SubmenuMenuItem(
        _("Discount reports"), Menu(items=items), name="discount-reports", icon_name="table", order=190
    )
