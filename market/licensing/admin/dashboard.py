"""The staff dashboard panel on the Wagtail home page: the workload now and how long decisions take."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from wagtail.admin.ui.components import Component

from market import clock_source
from market.licensing.admin.workload import monthly_processing_times, workload_for
from market.licensing.holidays import missing_current_year, missing_next_year

CHART_WIDTH = 540
CHART_HEIGHT = 160
CHART_BASELINE = 130
CHART_TOP = 20


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label_x: int
    month: str
    value: float | None
    decided: int


def bars(averages) -> list[Bar]:
    """The bars of the chart, scaled to the longest average; a month with no decision has no bar."""
    longest = max((item.average_working_days or 0 for item in averages), default=0) or 1
    slot = CHART_WIDTH // max(len(averages), 1)
    width = slot * 3 // 5
    result = []
    for index, item in enumerate(averages):
        height = round((item.average_working_days or 0) / longest * (CHART_BASELINE - CHART_TOP))
        x = index * slot + (slot - width) // 2
        result.append(
            Bar(
                x=x,
                y=CHART_BASELINE - height,
                width=width,
                height=height,
                label_x=x + width // 2,
                month=date_format(item.month, "YEAR_MONTH_FORMAT"),
                value=item.average_working_days,
                decided=item.decided,
            )
        )
    return result


class LicensingDashboardPanel(Component):
    name = "licensing_workload"
    order = 50
    template_name = "licensing/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        queue_url = reverse("review_queue:index")
        chart = bars(monthly_processing_times())
        context.update(
            workload=workload_for(self.request.user),
            bars=chart,
            any_decided=any(bar.value is not None for bar in chart),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            chart_baseline=CHART_BASELINE,
            queue_url=queue_url,
            calendar_missing=missing_current_year(clock_source.today()) or missing_next_year(clock_source.today()),
        )
        return context
