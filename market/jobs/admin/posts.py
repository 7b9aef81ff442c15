"""Bureau staff's list of job posts and each post's page: what it says, how many applied and were hired (never
who: applicants' details are the resident's and the merchant's), and the act of taking it down."""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market.admin_viewsets import InspectAndActViewSet
from market.jobs.admin.acts import POST_ACTS
from market.jobs.models import JobApplicationState, JobKind, JobPost, JobPostState
from market.places.models import District

COUNTS = {
    "applications_count": Count("applications", distinct=True),
    "hires_count": Count("applications", filter=Q(applications__state=JobApplicationState.HIRED), distinct=True),
}


class JobPostFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=JobPostState.choices, widget=forms.RadioSelect)
    kind = django_filters.ChoiceFilter(label=_("Kind of work"), choices=JobKind.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), field_name="location__district"
    )

    class Meta:
        model = JobPost
        fields = []


class JobPostIndexView(IndexView):
    page_title = _("Job posts")
    search_fields = ["title", "organization__name", "organization__alternate_name"]

    def get_base_queryset(self):
        return JobPost.objects.select_related("organization", "location__district").annotate(**COUNTS)

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Post"), get_url=self.get_inspect_url, sort_key="title"),
            Column("organization", label=_("Merchant"), accessor="organization", sort_key="organization__name"),
            Column("district", label=_("District"), accessor=lambda post: post.location.district.display_name),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda post: post.state == JobPostState.OPEN,
            ),
            Column("applications_count", label=_("Applications"), sort_key="applications_count"),
            Column("hires_count", label=_("Hires"), sort_key="hires_count"),
            DateColumn("published_at", label=pgettext_lazy("job post", "Published"), sort_key="published_at"),
        ]


class JobPostDetailView(InspectView):
    template_name = "jobs/admin/post_detail.html"
    page_title = _("Job post")
    act_url_name = None

    def get_object(self, queryset=None):
        posts = JobPost.objects.select_related(
            "organization", "location__district", "location__subdistrict", "category", "taken_down_by"
        ).annotate(**COUNTS)
        return get_object_or_404(posts, pk=self.pk)

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        states = dict(
            post.applications.order_by().values_list("state").annotate(count=Count("pk")).values_list("state", "count")
        )
        context.update(
            post=post,
            states=[(label, states.get(value, 0)) for value, label in JobApplicationState.choices],
            acts=POST_ACTS.offered(post, self.request.user, self.act_url_name),
        )
        return context


class JobPostViewSet(InspectAndActViewSet):
    """Listing and the staff's page only: the one change staff make is an act (take down)."""

    acts = POST_ACTS
    model = JobPost
    name = "job_posts"
    url_prefix = "jobs/posts"
    icon = "doc-full"
    menu_label = _("Job posts")
    menu_order = 185
    index_view_class = JobPostIndexView
    inspect_view_class = JobPostDetailView
    filterset_class = JobPostFilterSet
    ordering = "-published_at"
