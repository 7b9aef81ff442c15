"""The moderation queue: reviews the automatic checks held back and published reviews someone reported, the oldest
first; each review's page with its versions, reports and history, and the moderator's acts."""

import django_filters
from django import forms
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market.admin_viewsets import InspectAndActViewSet
from market.feedback import pages, screening
from market.feedback.admin.acts import REVIEW_ACTS
from market.feedback.models import Review, ReviewState

OPEN_REPORTS = Count("reports", filter=Q(reports__resolved_at__isnull=True))
WAITING = Q(state=ReviewState.PENDING) | Q(state=ReviewState.PUBLISHED, open_reports__gt=0)
WAITING_FIRST = Case(When(WAITING, then=Value(0)), default=Value(1), output_field=IntegerField())


class ModerationFilterSet(WagtailFilterSet):
    waiting = django_filters.BooleanFilter(label=_("Waiting for a decision"), method="filter_waiting")
    state = django_filters.ChoiceFilter(label=_("State"), choices=ReviewState.choices, widget=forms.RadioSelect)
    rating = django_filters.ChoiceFilter(
        label=_("Rating"), choices=[(value, str(value)) for value in range(1, 6)], widget=forms.RadioSelect
    )

    class Meta:
        model = Review
        fields = []

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(WAITING) if value else queryset.exclude(WAITING)


def why_waiting(review) -> str:
    reasons = screening.describe(review.screening_flags) if review.state == ReviewState.PENDING else []
    if review.open_reports:
        reasons.append(str(_("Reported %(count)d times") % {"count": review.open_reports}))
    return ", ".join(reasons)


class ModerationQueueView(IndexView):
    """Reviews waiting for a decision first, the oldest of them first."""

    page_title = _("Review moderation")

    def get_base_queryset(self):
        return Review.objects.select_related("location", "organization").annotate(open_reports=OPEN_REPORTS)

    def order_queryset(self, queryset):
        if self.ordering == "created_at" and not self.is_explicitly_ordered:
            return queryset.alias(waiting=WAITING_FIRST).order_by("waiting", "created_at", "pk")
        return super().order_queryset(queryset)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "location",
                label=_("Outlet"),
                accessor=lambda review: f"{review.organization} · {review.location.name}",
                get_url=self.get_inspect_url,
                sort_key="location__name",
            ),
            Column("rating", label=_("Rating"), sort_key="rating"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda review: review.state == ReviewState.PENDING or review.open_reports,
            ),
            Column("why", label=_("Why it waits"), accessor=why_waiting),
            DateColumn("created_at", label=_("Written"), sort_key="created_at"),
        ]


class ReviewModerationView(InspectView):
    template_name = "feedback/admin/review_detail.html"
    page_title = _("Review")
    act_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Review.objects.select_related("location", "organization", "author").annotate(open_reports=OPEN_REPORTS),
            pk=self.pk,
        )

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = self.object
        context.update(
            review=review,
            flags=screening.describe(review.screening_flags),
            revisions=review.revisions.order_by("-number"),
            reports=review.reports.select_related("reporter", "resolved_by").order_by("-reported_at"),
            events=review.events.select_related("actor").order_by("-at", "-pk"),
            reply=pages.reply_of(review),
            other_reviews=Review.objects.live().filter(author=review.author).exclude(pk=review.pk).count(),
            acts=REVIEW_ACTS.offered(review, self.request.user, self.act_url_name),
        )
        return context


class ReviewModerationViewSet(InspectAndActViewSet):
    """The queue and the review's page only: every decision is an act of the feedback services."""

    acts = REVIEW_ACTS
    model = Review
    name = "review_moderation"
    url_prefix = "feedback/reviews"
    icon = "comment"
    menu_label = _("Review moderation")
    menu_order = 165
    index_view_class = ModerationQueueView
    inspect_view_class = ReviewModerationView
    filterset_class = ModerationFilterSet
    search_fields = ["text"]
    ordering = "created_at"
