"""The bureau's flexible-work reports in the Wagtail admin: by district, by category and by month of publication,
each with filters, a chart, the table and CSV/XLSX export (market/admin_reports.py).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget

from market.admin_reports import ChartedReportView, ReportFilterSet
from market.jobs import reports
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


class JobsReportFilterSet(ReportFilterSet):
    period = django_filters.DateFromToRangeFilter(label=_("Published between"), widget=DateRangePickerWidget)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), empty_label=_("Whole city")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.all(), empty_label=_("All categories")
    )

    class Meta:
        model = JobPost
        fields = []


class JobsReportView(ChartedReportView):
    """One dimension (`name`) of `reports.summary`; the numbers are the same in every view."""

    permission = "jobs.view_reports"
    url_namespace = "jobs_reports"
    filename_prefix = "jobs-by"
    criteria_class = reports.Criteria
    filterset_class = JobsReportFilterSet
    columns_spec = COLUMNS
    chart_value = "hires"

    def rows(self, criteria):
        return reports.summary(self.name, criteria)


class JobsByDistrictView(JobsReportView):
    name = "district"
    page_title = _("Flexible work by district")
    label_heading = _("District")


class JobsByCategoryView(JobsReportView):
    name = "category"
    page_title = _("Flexible work by category")
    label_heading = _("Category")


class JobsByMonthView(JobsReportView):
    name = "month"
    page_title = _("Flexible work by month")
    label_heading = _("Month of publication")
    chart_kind = "line"


REPORTS = [JobsByDistrictView, JobsByCategoryView, JobsByMonthView]
