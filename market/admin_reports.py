"""The bureau's charted reports in the Wagtail admin, one way for every app: a view per report with filters, a
server-drawn chart (market/charts.py), the table of its numbers and CSV/XLSX export (Wagtail's ReportView and its
spreadsheet export), and `register_reports`, which puts an app's reports under one admin URL and one menu.

An app subclasses `ChartedReportView` once with what its reports share (the permission, the URL namespace, the
criteria, the columns) and then once per report with its `name`, title and `rows(criteria)`.
"""

import dataclasses

import django_filters
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from market.charts import chart
from market.database_replica import reading_replica


class ReportFilterSet(WagtailFilterSet):
    """A report's filters: a date range, and each report's own. Subclasses name a model in `Meta` (django-filter
    needs one); the view reads the cleaned values into the report's criteria, it filters no queryset."""

    period = django_filters.DateFromToRangeFilter(label=_("Date range"), widget=DateRangePickerWidget)


def may_view(user, permission: str) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm(permission)


class ChartedReportView(ReportView):
    """A report: `rows(criteria)` gives labelled rows (a "label" and the numbers named in `columns_spec`).

    `criteria_class` is a dataclass with `start` and `end` dates; the filter form's period fills them and its other
    fields fill the criteria's fields of the same name.
    """

    name = ""  # its URL, `<url_namespace>:<name>`, and its file name, `<filename_prefix>-<name>`
    page_title = ""
    label_heading = ""
    header_icon = "table"
    columns_spec: list[tuple[str, str]] = []
    chart_kind = "bar"  # or "line"
    chart_value = ""  # the column the chart draws
    filterset_class = None  # a ReportFilterSet of the app's
    results_template_name = "admin_reports/report_results.html"
    paginate_by = 50
    permission = ""  # e.g. "discounts.view_reports"
    url_namespace = ""
    filename_prefix = ""
    criteria_class = None

    @classmethod
    def may_view(cls, user) -> bool:
        return may_view(user, cls.permission)

    def dispatch(self, request, *args, **kwargs):
        if not self.may_view(request.user):
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def rows(self, criteria) -> list[dict]:
        raise NotImplementedError

    @cached_property
    def index_url_name(self):
        return f"{self.url_namespace}:{self.name}"

    @cached_property
    def index_results_url_name(self):
        return f"{self.url_namespace}:{self.name}_results"

    @cached_property
    def criteria(self):
        if not (self.filters and self.filters.is_valid()):
            return self.criteria_class()
        cleaned = dict(self.filters.form.cleaned_data)
        period = cleaned.pop("period", None)
        fields = {field.name for field in dataclasses.fields(self.criteria_class)}
        values = {key: value for key, value in cleaned.items() if key in fields and value not in (None, "")}
        return self.criteria_class(
            start=period.start.date() if period and period.start else None,
            end=period.stop.date() if period and period.stop else None,
            **values,
        )

    def get_queryset(self):
        # Aggregates over a year of records: on the reports' replica when there is one (DATABASE_REPLICA_URL),
        # never on the primary that the counter writes to.
        with reading_replica():
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
        return f"{self.filename_prefix}-{self.name.replace('_', '-')}"

    def write_csv_response(self, queryset):
        # Wagtail streams the CSV after its override of the user's admin language has ended: write it now, so
        # the headings come out in the language the report is read in. A report is a few thousand rows at most.
        streamed = super().write_csv_response(queryset)
        response = HttpResponse(b"".join(streamed.streaming_content), content_type="text/csv")
        response["Content-Disposition"] = streamed["Content-Disposition"]
        return response

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


def urlpatterns(reports) -> list:
    patterns = []
    for view in reports:
        patterns.append(path(f"{view.name}/", view.as_view(), name=view.name))
        patterns.append(path(f"{view.name}/results/", view.as_view(results_only=True), name=f"{view.name}_results"))
    return patterns


class ReportMenuItem(MenuItem):
    def __init__(self, view, **kwargs):
        super().__init__(view.page_title, reverse(f"{view.url_namespace}:{view.name}"), icon_name="table", **kwargs)
        self.view = view

    def is_shown(self, request):
        return self.view.may_view(request.user)


def register_reports(reports, *, url_prefix: str, menu_label, menu_name: str, menu_order: int, item_prefix=""):
    """Serve `reports` under /admin/<url_prefix>/<name>/ in their views' URL namespace, and list them in a menu
    of their own (an item `<item_prefix><name>` each, shown to those who may view the report)."""
    (namespace,) = {view.url_namespace for view in reports}

    @hooks.register("register_admin_urls")
    def register_report_urls():
        return [path(url_prefix, include((urlpatterns(reports), namespace)))]

    @hooks.register("register_admin_menu_item")
    def register_reports_menu():
        items = [
            ReportMenuItem(view, name=f"{item_prefix}{view.name}", order=index) for index, view in enumerate(reports)
        ]
        return SubmenuMenuItem(menu_label, Menu(items=items), name=menu_name, icon_name="table", order=menu_order)
