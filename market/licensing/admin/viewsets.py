"""The review queue as a Wagtail viewset, and the licensing settings administrators keep as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from market.admin_viewsets import InspectAndActViewSet
from market.licensing.admin.actions import ACTS
from market.licensing.admin.fees import LicensingFeeViewSet
from market.licensing.admin.views import (
    ApplicationActView,
    ApplicationDetailView,
    ReviewQueueFilterSet,
    ReviewQueueView,
)
from market.licensing.models import (
    Application,
    CalendarDay,
    CalendarSource,
    CategoryReviewPolicy,
    HolidayCalendarYear,
    LicenceType,
)


class ReviewQueueViewSet(InspectAndActViewSet):
    """Listing and the staff page only: every change to an application is an act of the services."""

    act_view_class = ApplicationActView
    acts = ACTS
    model = Application
    name = "review_queue"
    icon = "tasks"
    menu_label = _("Review queue")
    menu_order = 150
    index_view_class = ReviewQueueView
    inspect_view_class = ApplicationDetailView
    filterset_class = ReviewQueueFilterSet
    ordering = "due_on"
    search_fields = ["case_number", "organization__name", "organization__alternate_name",
                     "organization__unified_social_credit_code"]


class CalendarDayForm(WagtailAdminModelForm):
    """A day an administrator saves is theirs: the refresh from the published calendar leaves it as it is."""

    def save(self, commit=True):
        self.instance.source = CalendarSource.ADMINISTRATOR
        return super().save(commit=commit)


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    list_display = ["date", "kind", "name", "name_en", "source"]
    list_filter = ["kind", "source"]
    search_fields = ["name", "name_en"]
    ordering = "-date"
    edit_handler = ObjectList(
        [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name"), FieldPanel("name_en")],
        base_form_class=CalendarDayForm,
    )


class HolidayCalendarYearViewSet(SnippetViewSet):
    model = HolidayCalendarYear
    icon = "calendar-check"
    list_display = ["year", "source", "reference", "recorded_at"]
    ordering = "-year"
    panels = [FieldPanel("year"), FieldPanel("reference")]


class LicenceTypeViewSet(SnippetViewSet):
    model = LicenceType
    icon = "doc-full"
    list_display = ["name", "name_en", "code", "fee_amount"]
    search_fields = ["name", "name_en", "code"]


class CategoryReviewPolicyViewSet(SnippetViewSet):
    model = CategoryReviewPolicy
    icon = "time"
    list_display = [
        "category",
        "public_notice_working_days",
        "change_notice_working_days",
        "notice_stops_decision_clock",
    ]


class LicensingSettingsGroup(SnippetViewSetGroup):
    """Administrators keep the holiday calendar, the licence types and each category's public notice;
    administrators and approvers the fee schedule."""

    items = (
        CalendarDayViewSet,
        HolidayCalendarYearViewSet,
        LicenceTypeViewSet,
        CategoryReviewPolicyViewSet,
        LicensingFeeViewSet,
    )
    menu_label = _("Licensing settings")
    menu_icon = "cog"
    menu_order = 160
