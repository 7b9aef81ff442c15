"""The review queue, the application's staff page and the acts posted from it."""

import datetime
from itertools import chain

import django_filters
from django import forms
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView

from market import clock_source
from market.admin_viewsets import AssigneeFilter, AssignmentFilter
from market.licensing import changes as change_rules
from market.licensing import clocks, fees
from market.licensing.admin.actions import ACTS
from market.licensing.admin.forms import AnswerObjectionForm
from market.licensing.admin.workload import annotate_clocks, running_clocks
from market.licensing.models import (
    AWAITING_ACCEPTANCE,
    Application,
    ApplicationState,
    Licence,
    LicenceType,
    ListingEvent,
)
from market.licensing.services.decisions import rights_of_review
from market.licensing.words import list_of
from market.places.models import District
from market.registry.models import Category
from market.staff_acts import StaffActView

QUEUE_STATES = [(state.value, state.label) for state in ApplicationState if state != ApplicationState.DRAFT]


def licence_file_url(licence: Licence) -> str:
    """The portal's permission-checked view of the scan, which serves staff as well as the merchant."""
    return reverse("licensing:licence_file", args=[licence.pk])


class ReviewQueueFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=QUEUE_STATES, widget=forms.RadioSelect)
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), field_name="organization__categories", queryset=Category.objects.all(), distinct=True
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        field_name="organization__locations__district",
        queryset=District.objects.all(),
        distinct=True,
    )
    is_overdue = django_filters.BooleanFilter(label=_("Overdue"))
    assigned = AssignmentFilter()
    assignee = AssigneeFilter()

    class Meta:
        model = Application
        fields = []


def _categories(application):
    return list_of(category.display_name for category in application.organization.categories.all())


def _districts(application):
    names = {location.district.display_name for location in application.organization.locations.all()}
    return list_of(sorted(names))


class OverdueColumn(Column):
    cell_template_name = "licensing/admin/overdue_cell.html"


class ReviewQueueView(IndexView):
    """Every application past the draft, the most urgent first."""

    page_title = _("Review queue")

    def get_base_queryset(self):
        queryset = (
            Application.objects.exclude(state=ApplicationState.DRAFT)
            .select_related("organization", "applicant", "assignee")
            .prefetch_related("organization__categories", "organization__locations__district")
        )
        return annotate_clocks(queryset, running_clocks())

    def order_queryset(self, queryset):
        # Applications without a running clock go last whichever way the due date is sorted.
        if self.ordering == "due_on":
            return queryset.order_by(F("due_on").asc(nulls_last=True), "received_at")
        if self.ordering == "-due_on":
            return queryset.order_by(F("due_on").desc(nulls_last=True), "received_at")
        return super().order_queryset(queryset)

    @cached_property
    def columns(self):
        return [
            Column("case_number", label=_("Case number"), sort_key="case_number"),
            TitleColumn(
                "organization",
                label=_("Merchant / applicant"),
                accessor=lambda application: f"{application.organization} · {application.applicant}",
                get_url=self.get_inspect_url,
                sort_key="organization__name",
            ),
            Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda application: application.state in AWAITING_ACCEPTANCE,
            ),
            Column("category", label=_("Category"), accessor=_categories),
            Column("district", label=_("District"), accessor=_districts),
            Column("assignee", label=_("Reviewer assigned"), accessor="assignee"),
            Column("days_left", label=_("Working days left"), sort_key="days_left"),
            Column(
                "due_on",
                label=_("Due"),
                accessor=lambda application: date_format(application.due_on) if application.due_on else "",
                sort_key="due_on",
            ),
            OverdueColumn("is_overdue", label=_("Overdue"), sort_key="is_overdue"),
        ]


class ApplicationDetailView(InspectView):
    """Everything staff need to decide, and the acts the user may take now."""

    template_name = "licensing/admin/application_detail.html"
    page_title = _("Application")
    act_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Application.objects.exclude(state=ApplicationState.DRAFT).select_related(
                "organization", "applicant", "assignee", "recommended_by", "decided_by"
            ),
            pk=self.pk,
        )

    def get_fields(self):
        return []  # the template lays the application out itself

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        organization = application.organization
        user = self.request.user
        today = clock_source.today()
        context.update(
            application=application,
            organization=organization,
            outlets=organization.locations.select_related("district", "subdistrict", "community"),
            licences=[
                (licence, licence_file_url(licence))
                for licence in organization.licences.select_related("licence_type", "application", "superseded_by")
            ],
            documents=[
                (document, reverse("licensing:document", args=[application.pk, document.pk]))
                for document in application.documents.all()
            ],
            checklist=self.checklist(application, today),
            clock=clocks.clock_for(application, today),
            pauses=application.clock_pauses.all(),
            timeline=self.timeline(application),
            information_requests=application.information_requests.select_related("requested_by", "answered_by"),
            objections=[
                (objection, AnswerObjectionForm(prefix="answer_objection", initial={"objection": objection.pk}))
                for objection in application.objections.select_related("objector", "answered_by")
            ],
            can_answer_objections=user.has_perm("licensing.answer_objection", application),
            acts=ACTS.offered(application, user, self.act_url_name),
            answer_objection_url=reverse(self.act_url_name, args=[application.pk, "answer_objection"]),
            rights_of_review=rights_of_review(),
            proposed_changes=change_rules.describe(organization, application.proposed_changes),
            categories=list_of(category.display_name for category in organization.categories.all()),
            fee=fees.fee_of(application),
        )
        return context

    @staticmethod
    def checklist(application, today: datetime.date):
        """Each licence the merchant's categories require: present on the application or on record, and valid."""
        required = LicenceType.objects.filter(
            required_for_categories__organizations=application.organization
        ).distinct()
        candidates = list(
            application.organization.licences.current().filter(
                Q(application__isnull=True)
                | Q(application=application)
                | Q(application__state=ApplicationState.APPROVED)
            )
        )
        rows = []
        for licence_type in required:
            held = [licence for licence in candidates if licence.licence_type_id == licence_type.pk]
            valid = [
                licence
                for licence in held
                if licence.valid_from <= today and (licence.valid_to is None or licence.valid_to >= today)
            ]
            rows.append({"licence_type": licence_type, "present": bool(held), "valid": bool(valid), "licences": held})
        return rows

    @staticmethod
    def timeline(application):
        """The application's events and the merchant's listing events, in the order they happened."""
        events = application.events.select_related("actor")
        listing_events = ListingEvent.objects.filter(organization=application.organization).select_related("actor")
        return sorted(chain(events, listing_events), key=lambda event: (event.at, event.pk))


class ApplicationActView(StaffActView):
    """POST one act on an application; drafts are the applicant's own and not there for staff."""

    model = Application
    acts = ACTS

    def get_queryset(self):
        return Application.objects.exclude(state=ApplicationState.DRAFT)
