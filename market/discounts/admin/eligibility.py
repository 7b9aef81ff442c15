"""The reviewers' queue of eligibility applications, each application's page with the resident's name, ID number
and group beside the proof, and the proof file.

The full ID number is shown on the application's page only, where the reviewer matches it to the ID card image;
the queue and every other screen show it masked (3201**********1234).
"""

import datetime

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market import clock_source
from market.admin_viewsets import InspectAndActViewSet
from market.discounts.admin.acts import ELIGIBILITY_ACTS
from market.discounts.models import (
    EligibilityApplication,
    EligibilityApplicationState,
    EligibilityGroup,
    EligibilityProof,
)
from market.discounts.services.eligibility import open_proof, same_id_number_elsewhere
from market.discounts.services.helpers import age_on
from market.errors import NotPermitted
from market.private_storage import private_file_response
from market.uploads import kind_of_stored

WAITING_FIRST = Case(
    When(state=EligibilityApplicationState.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField()
)
WAITING_FOR = [
    ("3", _("Waiting more than 3 days")),
    ("7", _("Waiting more than a week")),
    ("30", _("Waiting more than 30 days")),
]


class EligibilityQueueFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=EligibilityApplicationState.choices, widget=forms.RadioSelect
    )
    group = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("eligibility", "Group"), queryset=EligibilityGroup.objects.all()
    )
    waiting = django_filters.ChoiceFilter(
        label=_("Age of the request"), choices=WAITING_FOR, method="filter_waiting", widget=forms.RadioSelect
    )

    class Meta:
        model = EligibilityApplication
        fields = []

    def filter_waiting(self, queryset, name, value):
        since = clock_source.now() - datetime.timedelta(days=int(value))
        return queryset.filter(state=EligibilityApplicationState.SUBMITTED, submitted_at__lt=since)


class EligibilityQueueView(IndexView):
    """Applications waiting to be checked first, the oldest first."""

    page_title = _("Eligibility applications")

    def get_base_queryset(self):
        return EligibilityApplication.objects.select_related("resident", "group")

    def order_queryset(self, queryset):
        if self.ordering == "submitted_at" and not self.is_explicitly_ordered:
            # Waiting applications first; among them the oldest, so nobody waits longest twice.
            return queryset.alias(waiting=WAITING_FIRST).order_by("waiting", "submitted_at")
        return super().order_queryset(queryset)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "resident",
                label=_("Name on the ID card"),
                accessor=lambda application: (
                    application.real_name or application.resident.get_full_name() or application.resident.username
                ),
                get_url=self.get_inspect_url,
                sort_key="real_name",
            ),
            Column(
                "id_number_masked",
                label=_("ID number"),
                accessor=lambda application: application.id_number_masked or "—",
            ),
            Column(
                "group", label=pgettext_lazy("eligibility", "Group"), accessor="group", sort_key="group__sort_order"
            ),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda application: application.state == EligibilityApplicationState.SUBMITTED,
            ),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
            DateColumn("decided_at", label=_("Decided"), sort_key="decided_at"),
        ]


class EligibilityDetailView(InspectView):
    """The application, its proof, and the acts the reviewer may take now."""

    template_name = "discounts/admin/eligibility_detail.html"
    page_title = _("Eligibility application")
    act_url_name = None
    proof_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            EligibilityApplication.objects.select_related("resident", "group", "decided_by"), pk=self.pk
        )

    def get_fields(self):
        return []  # the template lays the application out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        born = application.date_of_birth
        context.update(
            application=application,
            age=age_on(born, clock_source.today()) if born else None,
            same_id_number=same_id_number_elsewhere(application),
            proofs=[
                (proof, self.proof_url(proof), kind_of_stored(proof.file.name).is_image)
                for proof in application.proofs.all()
            ],
            eligibilities=application.resident.eligibilities.select_related("group", "source_application"),
            acts=ELIGIBILITY_ACTS.offered(application, self.request.user, self.act_url_name),
        )
        return context

    def proof_url(self, proof):
        return reverse(self.proof_url_name, args=[self.object.pk, proof.pk])


def proof_file(request, pk, proof_pk):
    """The proof, to reviewers only; anyone else learns nothing, not even that it exists. `?view=1` shows an image
    in the page, beside the name and ID number it is checked against; otherwise it is downloaded."""
    proof = get_object_or_404(EligibilityProof.objects.select_related("application"), pk=proof_pk, application=pk)
    if not request.user.has_perm("discounts.verify_eligibility"):
        raise Http404
    try:
        opened = open_proof(proof, request.user)
    except NotPermitted as refused:
        raise Http404 from refused
    inline = request.GET.get("view") == "1" and kind_of_stored(proof.file.name).is_image
    return private_file_response(opened, proof.file.name, f"proof-{proof.application_id}-{proof.pk}", inline=inline)


class EligibilityQueueViewSet(InspectAndActViewSet):
    """Listing and the reviewer's page only: every decision is an act of the discount services."""

    acts = ELIGIBILITY_ACTS
    model = EligibilityApplication
    name = "eligibility_applications"
    url_prefix = "discounts/eligibility"
    icon = "user"
    menu_label = _("Eligibility checks")
    menu_order = 170
    index_view_class = EligibilityQueueView
    inspect_view_class = EligibilityDetailView
    filterset_class = EligibilityQueueFilterSet
    ordering = "submitted_at"

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(proof_url_name=self.get_url_name("proof"), **kwargs)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/proof/<int:proof_pk>/", proof_file, name="proof")]
