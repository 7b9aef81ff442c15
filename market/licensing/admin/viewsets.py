"""The review queue as a Wagtail viewset, and the licensing settings administrators keep as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from market.admin_viewsets import InspectAndActViewSet
from market.licensing.admin.actions import ACTS
from market.licensing.admin.views import (
    ApplicationActView,
    ApplicationDetailView,
    ReviewQueueFilterSet,
    ReviewQueueView,
)
from market.licensing.models import Application, CalendarDay, CategoryReviewPolicy, LicenceType


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


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    list_display = ["date", "kind", "name", "name_en"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    ordering = "-date"


class LicenceTypeViewSet(SnippetViewSet):
    model = LicenceType
    icon = "doc-full"
    list_display = ["name", "name_en", "code", "fee_amount"]
    search_fields = ["name", "name_en", "code"]


class CategoryReviewPolicyViewSet(SnippetViewSet):
    model = CategoryReviewPolicy
    icon = "time"
    list_display = ["category", "public_notice_working_days"]


class LicensingSettingsGroup(SnippetViewSetGroup):
    """Administrators keep the holiday calendar, the licence types and each category's public notice."""

    items = (CalendarDayViewSet, LicenceTypeViewSet, CategoryReviewPolicyViewSet)
    menu_label = _("Licensing settings")
    menu_icon = "cog"
    menu_order = 160
