"""The review queue as a Wagtail viewset, and the licensing settings administrators keep as snippets."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from market.licensing.admin.views import (
    ApplicationActView,
    ApplicationDetailView,
    ReviewQueueFilterSet,
    ReviewQueueView,
)
from market.licensing.models import Application, CalendarDay, CategoryReviewPolicy, LicenceType


class ReviewQueueViewSet(ModelViewSet):
    """Listing and the staff page only: every change to an application is an act of the services."""

    model = Application
    name = "review_queue"
    icon = "tasks"
    menu_label = _("Review queue")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = ReviewQueueView
    inspect_view_class = ApplicationDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = ReviewQueueFilterSet
    ordering = "due_on"
    list_per_page = 30

    def get_common_view_kwargs(self, **kwargs):
        # None of Wagtail's generic add, edit, delete, copy, history or usage views exist here.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "copy", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(act_url_name=self.get_url_name("act"), **kwargs)

    @property
    def act_view(self):
        return ApplicationActView.as_view(inspect_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/act/<slug:action_name>/", self.act_view, name="act"),
        ]


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
