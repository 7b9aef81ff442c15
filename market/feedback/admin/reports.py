"""The bureau's feedback reports in the Wagtail admin: satisfaction by category, district and month; complaint
volumes and handling times; merchants with rising complaints. Each has filters, a chart, the table of its numbers
and CSV/XLSX export (market/admin_reports.py).
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from market.admin_reports import ChartedReportView, ReportFilterSet
from market.feedback.admin import queries
from market.feedback.models import Complaint, ComplaintCategory, Review
from market.places.models import District
from market.registry.models import Category


class DistrictFilterSet(ReportFilterSet):
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )


class SatisfactionFilterSet(DistrictFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Service category"), queryset=Category.objects.all(), empty_label=_("All categories")
    )

    class Meta:
        model = Review
        fields = []


class ComplaintFilterSet(DistrictFilterSet):
    complaint_category = django_filters.ChoiceFilter(
        label=_("Complaint about"), choices=ComplaintCategory.choices, empty_label=_("Anything")
    )

    class Meta:
        model = Complaint
        fields = []


SATISFACTION_COLUMNS = [
    ("reviews", _("Published ratings")),
    ("average", _("Average rating (1 to 5)")),
    ("satisfied_percent", _("4 or 5 stars (%)")),
]
COMPLAINT_COLUMNS = [
    ("received", _("Received")),
    ("answered", _("Answered")),
    ("upheld", _("Upheld in full or in part")),
    ("overdue", _("Overdue now")),
    ("average_working_days", _("Average working days to answer")),
]


class FeedbackReportView(ChartedReportView):
    """A feedback report: satisfaction by default; `rows(criteria)` and `columns_spec` say otherwise."""

    permission = "feedback.view_reports"
    url_namespace = "feedback_reports"
    filename_prefix = "feedback"
    criteria_class = queries.Criteria
    filterset_class = SatisfactionFilterSet
    columns_spec = SATISFACTION_COLUMNS
    chart_value = "average"


class SatisfactionByCategoryView(FeedbackReportView):
    name = "satisfaction_by_category"
    page_title = _("Satisfaction by service category")
    label_heading = _("Service category")

    def rows(self, criteria):
        return queries.satisfaction_by("category", criteria)


class SatisfactionByDistrictView(FeedbackReportView):
    name = "satisfaction_by_district"
    page_title = _("Satisfaction by district")
    label_heading = _("District")

    def rows(self, criteria):
        return queries.satisfaction_by("district", criteria)


class SatisfactionByMonthView(FeedbackReportView):
    name = "satisfaction_by_month"
    page_title = _("Satisfaction by month")
    label_heading = _("Month")
    chart_kind = "line"

    def rows(self, criteria):
        return queries.satisfaction_by("month", criteria)


class ComplaintsByMonthView(FeedbackReportView):
    name = "complaints_by_month"
    page_title = _("Complaints and handling times by month")
    label_heading = _("Month received")
    filterset_class = ComplaintFilterSet
    columns_spec = COMPLAINT_COLUMNS
    chart_value = "received"
    chart_kind = "line"

    def rows(self, criteria):
        return queries.complaints_by_month(criteria)


class ComplaintsByCategoryView(FeedbackReportView):
    name = "complaints_by_category"
    page_title = _("Complaints and handling times by category")
    label_heading = _("Complaint about")
    filterset_class = ComplaintFilterSet
    columns_spec = COMPLAINT_COLUMNS
    chart_value = "received"

    def rows(self, criteria):
        return queries.complaints_by_category(criteria)


class RisingComplaintsView(FeedbackReportView):
    name = "rising_complaints"
    page_title = _("Merchants with rising complaints")
    label_heading = _("Merchant")
    filterset_class = ComplaintFilterSet
    columns_spec = [
        ("previous", _("Complaints in the period before")),
        ("current", _("Complaints in the period")),
        ("change", _("Rise")),
        ("upheld", _("Upheld complaints, ever")),
    ]
    chart_value = "change"

    def rows(self, criteria):
        return queries.rising_complaints(criteria)

    @property
    def chart_title(self):
        return _("Rise in complaints per merchant: the period against the one before it (the last 90 days if none)")


REPORTS = [
    SatisfactionByCategoryView,
    SatisfactionByDistrictView,
    SatisfactionByMonthView,
    ComplaintsByMonthView,
    ComplaintsByCategoryView,
    RisingComplaintsView,
]
