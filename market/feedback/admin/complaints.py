"""The bureau's complaint list, each complaint's page with its complainant, evidence and steps, and the evidence file.

Overdue is stored, not computed: the due dates were counted in working days when the complaint was received and
when the merchant was asked, and a complaint is overdue once today is past them.
"""

import django_filters
from django import forms
from django.db.models import BooleanField, Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market import clock_source
from market.admin_viewsets import AssigneeFilter, AssignmentFilter, InspectAndActViewSet
from market.errors import NotPermitted
from market.feedback import services
from market.feedback.admin.acts import COMPLAINT_ACTS
from market.feedback.merchant_record import complaint_record_for
from market.feedback.models import (
    OPEN_COMPLAINT_STATES,
    Complaint,
    ComplaintCategory,
    ComplaintEvidence,
    ComplaintOutcome,
    ComplaintState,
)
from market.places.models import District
from market.private_storage import private_file_response
from market.registry.models import Organization


def annotate_lateness(queryset, today):
    """`is_overdue`: open past the answer's due date; `merchant_late`: the merchant's response is past its date."""
    return queryset.annotate(
        is_overdue=Case(
            When(state__in=OPEN_COMPLAINT_STATES, due_on__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        merchant_late=Case(
            When(state=ComplaintState.AWAITING_MERCHANT, merchant_response_due_on__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


class ComplaintFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=ComplaintState.choices, widget=forms.RadioSelect)
    is_overdue = django_filters.BooleanFilter(label=_("Overdue"))
    merchant_late = django_filters.BooleanFilter(label=_("Merchant's response late"))
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ComplaintCategory.choices)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=ComplaintOutcome.choices)
    assigned = AssignmentFilter()
    assignee = AssigneeFilter()
    organization = django_filters.ModelChoiceFilter(
        label=_("Merchant"), queryset=Organization.objects.filter(listed_at__isnull=False)
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="location__district", queryset=District.objects.all()
    )

    class Meta:
        model = Complaint
        fields = []


def merchant_and_outlet(complaint) -> str:
    return (
        f"{complaint.organization} · {complaint.location.name}"
        if complaint.location_id
        else str(complaint.organization)
    )


class LatenessColumn(Column):
    cell_template_name = "feedback/admin/lateness_cell.html"


class ComplaintIndexView(IndexView):
    """Open complaints first, the one due soonest first."""

    page_title = _("Complaints")

    def get_base_queryset(self):
        queryset = Complaint.objects.select_related("organization", "location", "assignee")
        return annotate_lateness(queryset, clock_source.today())

    def order_queryset(self, queryset):
        if self.ordering == "due_on" and not self.is_explicitly_ordered:
            open_first = Case(When(state__in=OPEN_COMPLAINT_STATES, then=Value(0)), default=Value(1))
            return queryset.alias(open_first=open_first).order_by("open_first", "due_on", "received_at")
        return super().order_queryset(queryset)

    @cached_property
    def columns(self):
        return [
            TitleColumn("reference", label=_("Reference"), accessor="reference", get_url=self.get_inspect_url),
            Column(
                "organization",
                label=_("Merchant"),
                accessor=merchant_and_outlet,
                sort_key="organization__name",
            ),
            Column("category", label=_("Category"), accessor="get_category_display", sort_key="category"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda complaint: complaint.is_open,
            ),
            Column("assignee", label=_("Reviewer assigned"), accessor="assignee"),
            DateColumn("received_at", label=_("Received"), sort_key="received_at"),
            Column(
                "due_on",
                label=_("Answer due"),
                accessor=lambda complaint: date_format(complaint.due_on) if complaint.is_open else "",
                sort_key="due_on",
            ),
            LatenessColumn("is_overdue", label=_("Overdue"), sort_key="is_overdue"),
        ]


class ComplaintDetailView(InspectView):
    """The complaint as the bureau sees it: the complainant and their evidence included (never the merchant)."""

    template_name = "feedback/admin/complaint_detail.html"
    page_title = _("Complaint")
    act_url_name = None
    evidence_url_name = None

    def get_object(self, queryset=None):
        queryset = Complaint.objects.select_related(
            "organization", "location", "complainant", "assignee", "decided_by", "merchant_responded_by"
        )
        return get_object_or_404(annotate_lateness(queryset, clock_source.today()), pk=self.pk)

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        user = self.request.user
        may_see_evidence = user.has_perm("feedback.view_complaint_evidence", complaint)
        context.update(
            complaint=complaint,
            evidence=[
                (item, reverse(self.evidence_url_name, args=[complaint.pk, item.pk]))
                for item in complaint.evidence.all()
            ]
            if may_see_evidence
            else [],
            evidence_hidden=not may_see_evidence and complaint.evidence.exists(),
            events=complaint.events.select_related("actor").order_by("-at", "-pk"),
            record=complaint_record_for(complaint.organization),
            merchant_complaints_url=reverse("complaints:index") + f"?organization={complaint.organization_id}",
            acts=COMPLAINT_ACTS.offered(complaint, user, self.act_url_name),
        )
        return context


def evidence_file(request, pk, evidence_pk):
    """The file, to staff who may see it; anyone else learns nothing, not even that it exists."""
    evidence = get_object_or_404(ComplaintEvidence.objects.select_related("complaint"), pk=evidence_pk, complaint=pk)
    try:
        opened = services.open_evidence(evidence, request.user)
    except NotPermitted as refused:
        raise Http404 from refused
    return private_file_response(opened, evidence.file.name, f"complaint-{evidence.complaint_id}-{evidence.pk}")


class ComplaintViewSet(InspectAndActViewSet):
    """The list and the complaint's page only: every step is an act of the feedback services."""

    acts = COMPLAINT_ACTS
    model = Complaint
    name = "complaints"
    url_prefix = "feedback/complaints"
    icon = "warning"
    menu_label = _("Complaints")
    menu_order = 160
    index_view_class = ComplaintIndexView
    inspect_view_class = ComplaintDetailView
    filterset_class = ComplaintFilterSet
    search_fields = ["description", "contact_name", "contact_phone", "contact_email", "organization__name"]
    ordering = "due_on"

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(evidence_url_name=self.get_url_name("evidence"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/evidence/<int:evidence_pk>/", evidence_file, name="evidence"),
        ]
