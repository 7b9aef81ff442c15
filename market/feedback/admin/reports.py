"""The bureau's feedback reports in the Wagtail admin: satisfaction by category, district and month; complaint
volumes and handling times; merchants with rising complaints. Each has filters, a chart, the table of its numbers
and CSV/XLSX export.

They are the discount reports' kind of view (market/discounts/admin/reports.py: Wagtail's ReportView with the
export headings in the reader's language and a server-drawn chart), with feedback's filters and permission.
"""

import django_filters
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.views.reports import ReportView

from market.discounts.admin.reports import DiscountReportView
from market.feedback.admin import queries
from market.feedback.models import Complaint, ComplaintCategory, Review
from market.places.models import District
from market.registry.models import Category


def may_view_feedback_reports(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm("feedback.view_reports")


class SatisfactionFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(label=_("Date range"), widget=DateRangePickerWidget)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Service category"), queryset=Category.objects.all(), empty_label=_("All categories")
    )

    class Meta:
        # django-filter needs a model; the view reads the cleaned values and passes them to the report query.
        model = Review
        fields = []


class ComplaintFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(label=_("Date range"), widget=DateRangePickerWidget)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )
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


class FeedbackReportView(DiscountReportView):
    """A feedback report: `rows(criteria)` gives labelled rows; `columns_spec` names the numbers shown."""

    filterset_class = SatisfactionFilterSet
    columns_spec = SATISFACTION_COLUMNS
    chart_value = "average"

    def dispatch(self, request, *args, **kwargs):
        if not may_view_feedback_reports(request.user):
            return redirect("wagtailadmin_home")
        # The discount reports' own permission check is theirs; the rest of the view is shared.
        return ReportView.dispatch(self, request, *args, **kwargs)

    @cached_property
    def index_url_name(self):
        return f"feedback_reports:{self.name}"

    @cached_property
    def index_results_url_name(self):
        return f"feedback_reports:{self.name}_results"

    @cached_property
    def criteria(self) -> queries.Criteria:
        if not (self.filters and self.filters.is_valid()):
            return queries.Criteria()
        cleaned = self.filters.form.cleaned_data
        period = cleaned.get("period")
        return queries.Criteria(
            start=period.start.date() if period and period.start else None,
            end=period.stop.date() if period and period.stop else None,
            district=cleaned.get("district"),
            category=cleaned.get("category"),
            complaint_category=cleaned.get("complaint_category") or "",
        )

    def get_filename(self):
        return f"feedback-{self.name.replace('_', '-')}"


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


def urlpatterns():
    patterns = []
    for view in REPORTS:
        patterns.append(path(f"{view.name}/", view.as_view(), name=view.name))
        patterns.append(path(f"{view.name}/results/", view.as_view(results_only=True), name=f"{view.name}_results"))
    return patterns


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_feedback_reports(request.user)


def reports_menu_item() -> SubmenuMenuItem:
    """The "Feedback reports" menu, for reviewers, approvers and administrators."""
    items = [
        ReportMenuItem(
            view.page_title, reverse(f"feedback_reports:{view.name}"), name=view.name, icon_name="table", order=index
        )
        for index, view in enumerate(REPORTS)
    ]
    return SubmenuMenuItem(
        _("Feedback reports"), Menu(items=items), name="feedback-reports", icon_name="table", order=195
    )
