"""The bureau's flexible-work reports in the Wagtail admin: by district, by category and by month, each with
filters, a chart, the table and CSV/XLSX export, as the discount reports do (Wagtail's ReportView with its
spreadsheet export; the SVG chart of market/discounts/admin/charts.py, drawn by the same template).
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

from market.discounts.admin.charts import chart
from market.jobs import reports
from market.jobs.admin.permissions import may_view_reports
from market.jobs.models import JobPost
from market.places.models import District
from market.registry.models import Category

COLUMNS = [
    ("posts", _("Posts")),
    ("places", _("Vacancies")),
    ("applications", _("Applications")),
    ("hires", _("Hires")),
    ("priority_hires", _("Hires of verified registered unemployed")),
    ("priority_share", _("Share of hires to verified registered unemployed (%)")),
    ("days_to_first_hire", _("Days from post to first hire (median)")),
]


class JobsReportFilterSet(WagtailFilterSet):
    period = django_filters.DateFromToRangeFilter(label=_("Published between"), widget=DateRangePickerWidget)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), empty_label=_("All categories")
    )

    class Meta:
        # django-filter needs a model; the view reads the cleaned values and passes them to the report query.
        model = JobPost
        fields = []


class JobsReportView(ReportView):
    """One dimension of `reports.summary`; the numbers are the same in every view."""

    dimension = ""
    page_title = ""
    label_heading = ""
    header_icon = "table"
    chart_kind = "bar"
    chart_value = "hires"
    filterset_class = JobsReportFilterSet
    results_template_name = "discounts/admin/report_results.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_view_reports(request.user):
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def write_csv_response(self, queryset):
        # As in the discount reports: write the CSV while the admin's language is still active.
        streamed = super().write_csv_response(queryset)
        response = HttpResponse(b"".join(streamed.streaming_content), content_type="text/csv")
        response["Content-Disposition"] = streamed["Content-Disposition"]
        return response

    @cached_property
    def index_url_name(self):
        return f"jobs_reports:{self.dimension}"

    @cached_property
    def index_results_url_name(self):
        return f"jobs_reports:{self.dimension}_results"

    @cached_property
    def criteria(self) -> reports.Criteria:
        if not (self.filters and self.filters.is_valid()):
            return reports.Criteria()
        cleaned = self.filters.form.cleaned_data
        period = cleaned.get("period")
        return reports.Criteria(
            start=period.start.date() if period and period.start else None,
            end=period.stop.date() if period and period.stop else None,
            district=cleaned.get("district"),
            category=cleaned.get("category"),
        )

    def get_queryset(self):
        return reports.summary(self.dimension, self.criteria)

    def filter_queryset(self, queryset):
        return queryset  # the criteria went into the report's query already

    @property
    def list_export(self):
        return ["label", *(key for key, _label in COLUMNS)]

    @property
    def export_headings(self):
        return {"label": self.label_heading, **dict(COLUMNS)}

    def get_filename(self):
        return f"jobs-by-{self.dimension}"

    @cached_property
    def columns(self):
        return [Column("label", label=self.label_heading)] + [Column(key, label=label) for key, label in COLUMNS]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["chart"] = chart(self.chart_kind, self.page_title, list(context["object_list"]), self.chart_value)
        return context


class JobsByDistrictView(JobsReportView):
    dimension = "district"
    page_title = _("Flexible work by district")
    label_heading = _("District")


class JobsByCategoryView(JobsReportView):
    dimension = "category"
    page_title = _("Flexible work by category")
    label_heading = _("Category")


class JobsByMonthView(JobsReportView):
    dimension = "month"
    page_title = _("Flexible work by month")
    label_heading = _("Month of publication")
    chart_kind = "line"


REPORTS = [JobsByDistrictView, JobsByCategoryView, JobsByMonthView]


def urlpatterns():
    patterns = []
    for view in REPORTS:
        patterns.append(path(f"{view.dimension}/", view.as_view(), name=view.dimension))
        patterns.append(
            path(f"{view.dimension}/results/", view.as_view(results_only=True), name=f"{view.dimension}_results")
        )
    return patterns


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_reports(request.user)


def reports_menu_item() -> SubmenuMenuItem:
    items = [
        ReportMenuItem(
            view.page_title,
            reverse(f"jobs_reports:{view.dimension}"),
            name=f"jobs-{view.dimension}",
            icon_name="table",
            order=index,
        )
        for index, view in enumerate(REPORTS)
    ]
    return SubmenuMenuItem(
        _("Flexible work reports"), Menu(items=items), name="jobs-reports", icon_name="table", order=195
    )
